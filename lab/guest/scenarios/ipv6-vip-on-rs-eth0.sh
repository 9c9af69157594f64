# ipv6-vip-on-rs-eth0: like healthy-ipv6, but rs1 has the VIP6 on eth0 instead of lo (added with
# `nodad`, as keepalived and many provisioning scripts add IPv6 VIPs; with DAD the director's
# answer would have marked it dadfailed). There is no arp_ignore for IPv6: rs1 answers the
# router's neighbour solicitations for the VIP6 just like the director does.

IPV6=1

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; rs_arp rs1 1 2; run rs1 ip -6 addr add $VIP6/128 dev eth0 nodad; run rs1 ip addr add $VIP/32 dev lo
  server http rs1 :: 80
  rs_dr rs2; server http rs2 :: 80
  http_wrr_service6
  wait_dad
}

traffic() {
  http_get 6 "http://[$VIP6]/"
  run router ip -6 neigh show dev lan0
  run router ip -6 neigh flush dev lan0
  http_get 6 "http://[$VIP6]/"
  run router ip -6 neigh show dev lan0
}
