# arp-flux: rs1 keeps the kernel defaults arp_ignore=0 and arp_announce=0 (the VIP is on its lo).
# rs1 answers the router's `who-has VIP` and announces the VIP as sender of its own ARP requests.
# The router's neighbour cache is empty at the start and flushed again half way, so it has to
# ARP for the VIP twice during the run.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; rs_arp rs1 0 0; rs_vip_lo rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
}

traffic() {
  requests_around_arp_flush 6
  pause 6
  http_get 3 http://$VIP/
  run router ip neigh show dev lan0
}
