# rs-vip-prefix-on-lo: rs2 holds the VIP on lo with the LAN's prefix (`ip addr add VIP/24 dev
# lo`) instead of /32. A prefix on lo makes the kernel add a local route for the whole /24: every
# address of the LAN, the client's included, is now "local" to rs2. The client (192.0.2.50) sits
# on the LAN: rs2 receives its SYNs and delivers its replies to itself; nothing leaves. rs1 is
# correct. Director: wrr, rs1 weight 1, rs2 weight 2.

CLIENT_ON_LAN=1
CIP_LAN=192.0.2.50

configure() {
  run client ip addr add $CIP_LAN/24 dev eth0
  run client ip route add default via $RTR
  run router ip addr add $RTR/24 dev lan0
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_up rs2; rs_arp rs2 1 2; run rs2 ip addr add $VIP/24 dev lo; server http rs2 0.0.0.0 80
  run rs2 ip route show table local
  http_wrr_service
}

traffic() {
  http_get 3 http://$VIP/
}
