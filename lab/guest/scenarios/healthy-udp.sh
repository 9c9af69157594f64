# healthy-udp: a correct LVS-DR UDP service (ipvsadm -A -u VIP:9000, wrr, rs1 weight 1, rs2
# weight 2). The real servers' UDP server is bound to the VIP, so its replies leave from the VIP
# (compare rs-reply-from-rip, where it is bound to 0.0.0.0 and answers from the RIP).
# Traffic: 6 requests from the client, each from a new connected UDP socket.

configure() {
  net_base
  dr_site udp $VIP 9000
  dr_service -u 9000 wrr 1 2
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP 9000 6"
  on client python3 "$GUEST/tools.py" udpclient $VIP 9000 6 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
