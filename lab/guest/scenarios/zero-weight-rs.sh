# zero-weight-rs: rs2 is in the table with weight 0 (quiesced, e.g. for maintenance).
# It must receive no new connections; every request goes to rs1.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; done
  ipvs director -A -t $VIP:80 -s wrr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -g -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -g -w 0
}

traffic() {
  http_get 8 http://$VIP/
}
