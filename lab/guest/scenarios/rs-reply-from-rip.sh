# rs-reply-from-rip: a UDP service (ipvsadm -A -u VIP:9000). The real servers' UDP server is bound
# to 0.0.0.0 and answers with a plain sendto() (no IP_PKTINFO), so the kernel picks the source
# address by routing: the RIP. The client sends each request from a new connected UDP socket, which does not accept those replies.

configure() {
  net_base
  dr_site udp 0.0.0.0 9000
  dr_service -u 9000 wrr 1 2
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP 9000 6"
  on client python3 "$GUEST/tools.py" udpclient $VIP 9000 6 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
