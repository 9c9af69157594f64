# tun-udp-fragments: a tunnelling (LVS-TUN) UDP service on VIP:9000 (rr, both real servers on the
# director's LAN, VIP on tunl0, a UDP server bound to the VIP) with 4000-byte requests. The
# client's kernel sends each in three fragments without DF; the director reassembles the request,
# encapsulates the whole datagram (IP in IP) and fragments the outer packet to fit the LAN.

configure() {
  tun_site
  rs_up rs2; tun_rs rs2
  server udp rs1 $VIP 9000
  server udp rs2 $VIP 9000
  ipvs director -A -u $VIP:9000 -s rr
  ipvs director -a -u $VIP:9000 -r $RIP1:9000 -i -w 1
  ipvs director -a -u $VIP:9000 -r $RIP2:9000 -i -w 1
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP 9000 6 4000"
  on client python3 "$GUEST/tools.py" udpclient $VIP 9000 6 4000 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
