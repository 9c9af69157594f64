# healthy-ipv6: a correct IPv6 LVS-DR setup (hosts are dual-stack, the traffic is IPv6 only).
# Director: VIP6/128 on eth0, `ipvsadm -A -t [VIP6]:80 -s wrr`, rs1 weight 1, rs2 weight 2.
# Real servers: VIP6/128 on lo (IPv6 needs no ARP sysctls: ND answers only for addresses on the
# receiving interface), HTTP on [::]:80.

IPV6=1

configure() {
  net_base
  dr_site http :: 80
  http_wrr_service6
  wait_dad
}

traffic() {
  http_get 12 "http://[$VIP6]/"
}
