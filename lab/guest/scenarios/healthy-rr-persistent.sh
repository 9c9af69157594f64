# healthy-rr-persistent: a correct LVS-DR setup, round robin with persistence (-p 300).
# Every new connection from the client inside the persistence window goes to the same real server.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; done
  ipvs director -A -t $VIP:80 -s rr -p 300
  ipvs director -a -t $VIP:80 -r $RIP1:80 -g -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -g -w 1
}

traffic() {
  http_get 12 http://$VIP/
}
