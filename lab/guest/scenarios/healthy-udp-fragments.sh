# healthy-udp-fragments: healthy-udp with datagrams larger than the MTU. The client sends 6
# requests of 4000 bytes (no DF: its kernel fragments them, 3 fragments each); the director
# reassembles each request before IPVS sees it (ip_local_deliver) and the output path sends it on
# in fragments again; the real server answers with 4000+ bytes, fragmented the same way.

configure() {
  net_base
  dr_site udp $VIP 9000
  dr_service -u 9000 wrr 1 2
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP 9000 6 4000"
  on client python3 "$GUEST/tools.py" udpclient $VIP 9000 6 4000 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
