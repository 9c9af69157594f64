# vip-missing-on-rs-any: vip-missing-on-rs with every host captured with `tcpdump -i any`
# (Linux cooked frames: the sender's MAC and a direction, no destination MAC).
# rs2 has the ARP sysctls but not the VIP on lo (ip_forward=0): connections the director
# schedules to rs2 reach rs2 and are dropped there.

CAPTURE_IFACE_client=any
CAPTURE_IFACE_router=any
CAPTURE_IFACE_director=any
CAPTURE_IFACE_rs1=any
CAPTURE_IFACE_rs2=any

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
