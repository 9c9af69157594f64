# director-vip6-on-lo: an IPv6 LVS-DR service whose director holds the VIP6 on lo, as the real
# servers do, instead of on eth0. Its IPVS table is correct (wrr, rs1 weight 1, rs2 weight 2).
# Neighbour discovery answers a solicitation only for addresses on the interface it arrived on,
# so nobody answers `who-has VIP6` (NS): the router cannot resolve the VIP6, and the client gets
# ICMPv6 address unreachable.

IPV6=1

configure() {
  net_base
  director_up director $DIP
  run director ip -6 addr add $VIP6/128 dev lo
  real_servers http :: 80
  http_wrr_service6
  wait_dad
}

traffic() {
  http_get 2 "http://[$VIP6]/"
}
