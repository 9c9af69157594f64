# second-vip-missing-on-rs: two virtual services on two VIPs, 192.0.2.100:80 (wrr 1:2) and
# 192.0.2.101:80 (rr), both on rs1 and rs2. The director holds both VIPs on eth0; rs1 holds both
# on lo, rs2 only the first (the second was forgotten). Connections to the second VIP scheduled
# to rs2 reach it and are dropped there; everything on the first VIP works.
# Traffic: 6 HTTP GETs to each VIP, each on a new connection.

VIP2=192.0.2.101

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  run director ip addr add $VIP2/32 dev eth0
  rs_dr rs1; run rs1 ip addr add $VIP2/32 dev lo; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
  ipvs director -A -t $VIP2:80 -s rr
  ipvs director -a -t $VIP2:80 -r $RIP1:80 -g -w 1
  ipvs director -a -t $VIP2:80 -r $RIP2:80 -g -w 1
}

traffic() {
  http_get 6 http://$VIP/
  http_get 6 http://$VIP2/
}
