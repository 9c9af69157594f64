# rs-behind-router: rs2 is not on the director's subnet. It sits on the same switch but in
# 203.0.113.0/24, reached through the router (which has 203.0.113.1 on its LAN side too), and is
# added as a DR real server anyway (`ipvsadm -a -r 203.0.113.12:80 -g`). DR only rewrites the
# destination MAC, and the next hop toward 203.0.113.12 is the router: the director hands the
# frame to the router, which routes it by its destination, the VIP, straight back to the
# director. The packet circles between them, losing a TTL at each pass, until one of them
# reports time exceeded. rs1 is a correct real server.

configure() {
  net_base
  run router ip addr add 203.0.113.1/24 dev lan0
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  run rs2 ip addr add 203.0.113.12/24 dev eth0
  run rs2 ip route add default via 203.0.113.1
  rs_arp rs2 1 2; rs_vip_lo rs2; server http rs2 0.0.0.0 80
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -g -w 1
  ipvs director -a -t $VIP:80 -r 203.0.113.12:80 -g -w 1
}

traffic() {
  http_get 2 http://$VIP/
}
