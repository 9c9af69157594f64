# rs-gateway-director: rs1's default route points at the director's DIP instead of the router
# (the director has ip_forward=1, as many guides set). rs1's replies (source VIP) reach the
# director, which drops them: their source address is one of its own (martian source).

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  sysctl_set director net.ipv4.ip_forward=1
  step "[director] sysctl net.ipv4.ip_forward=1"
  rs_dr rs1; server http rs1 0.0.0.0 80
  run rs1 ip route replace default via $DIP
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 6 http://$VIP/
}
