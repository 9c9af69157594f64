# vip-missing-on-rs: rs2 has the ARP sysctls but not the VIP on lo (ip_forward=0).
# Connections the director schedules to rs2 reach rs2 and are dropped there.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_up rs2; rs_arp rs2 1 2; server http rs2 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 6 http://$VIP/
}
