# healthy-udp-ops: a UDP service with one-packet scheduling (ipvsadm -A -u VIP:9000 -s rr --ops,
# as DNS and syslog balancing use it): IPVS schedules every datagram on its own, so the requests
# of one client socket go to rs1 and rs2 in turn. Real servers as in healthy-udp (server bound to
# the VIP). Traffic: 6 requests from one UDP socket (one client port), then 4 from new sockets.

configure() {
  net_base
  dr_site udp $VIP 9000
  ipvs director -A -u $VIP:9000 -s rr -o
  ipvs director -a -u $VIP:9000 -r $RIP1:9000 -g -w 1
  ipvs director -a -u $VIP:9000 -r $RIP2:9000 -g -w 1
}

traffic() {
  step "[client] python3 tools.py udpsession $VIP 9000 6"
  on client python3 "$GUEST/tools.py" udpsession $VIP 9000 6 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
  step "[client] python3 tools.py udpclient $VIP 9000 4"
  on client python3 "$GUEST/tools.py" udpclient $VIP 9000 4 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
