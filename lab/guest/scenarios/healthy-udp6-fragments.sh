# healthy-udp6-fragments: healthy-udp-fragments over IPv6. The client sends 6 requests of 4000
# bytes to [VIP6]:9000; its kernel sends each in fragments (a fragment header, 1448-byte
# pieces); the director reassembles them (nf_defrag_ipv6, switched on by IPVS) and sends them on;
# the real servers, whose UDP server is bound to VIP6, answer from it in fragments.

IPV6=1

configure() {
  net_base
  dr_site udp $VIP6 9000
  ipvs director -A -u "[$VIP6]:9000" -s wrr
  ipvs director -a -u "[$VIP6]:9000" -r "[$RIP16]:9000" -g -w 1
  ipvs director -a -u "[$VIP6]:9000" -r "[$RIP26]:9000" -g -w 2
  wait_dad
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP6 9000 6 4000"
  on client python3 "$GUEST/tools.py" udpclient $VIP6 9000 6 4000 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
