# rs-forwarding-loop: rs2 has no VIP and ip_forward=1 (as on a container host). rs2 routes the
# frames it receives for the VIP back to the VIP's owner, the director, whose IPVS connection
# entry sends them to rs2 again: the same packet circulates with falling TTL until it expires.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_up rs2; rs_arp rs2 1 2; server http rs2 0.0.0.0 80
  sysctl_set rs2 net.ipv4.ip_forward=1
  step "[rs2] sysctl net.ipv4.ip_forward=1"
  http_wrr_service
}

traffic() {
  http_get 1 http://$VIP/ --connect-timeout 2
}
