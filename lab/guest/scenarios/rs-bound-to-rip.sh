# rs-bound-to-rip: rs2's HTTP server listens on its RIP (192.0.2.12:80) only, not on the VIP.
# The director's health view would be fine (RIP:80 answers); client connections to VIP:80 that
# land on rs2 are refused by rs2's kernel.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 $RIP2 80
  http_wrr_service
}

traffic() {
  http_get 6 http://$VIP/
}
