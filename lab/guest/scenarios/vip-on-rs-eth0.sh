# vip-on-rs-eth0: rs1 holds the VIP as a secondary address on eth0 (`ip addr add VIP/32 dev
# eth0`) instead of on lo, with the usual arp_ignore=1 and arp_announce=2. arp_ignore=1 answers
# ARP for any address configured on the interface the request arrived on, and the VIP now is:
# rs1 answers `who-has VIP` as the director does, and the router's cache follows whichever
# answer came last. rs2 is correct. Director: wrr, rs1 weight 1, rs2 weight 2.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; rs_arp rs1 1 2; run rs1 ip addr add $VIP/32 dev eth0; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 4 http://$VIP/
  # the router forgets the VIP and asks again: whichever answer arrives last wins
  run router ip neigh flush dev lan0
  http_get 4 http://$VIP/
}
