# director-localnode: a correct LVS-DR site whose director is also a real server of its own
# service (LocalNode): an HTTP server on the director and `ipvsadm -a -t VIP:80 -r DIP:80 -g`
# beside rs1 and rs2, round robin. IPVS hands the director's share of the connections to its own
# stack (nothing goes on the wire), which answers from the VIP with the director's MAC.
# Traffic: 9 HTTP GETs from the client, each on a new connection (3 per server).

configure() {
  net_base
  dr_site http 0.0.0.0 80
  server http director 0.0.0.0 80
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -g
  ipvs director -a -t $VIP:80 -r $RIP2:80 -g
  ipvs director -a -t $VIP:80 -r $DIP:80 -g
}

traffic() {
  http_get 9 http://$VIP/
}
