# arp-flux-any: arp-flux with every host captured with `tcpdump -i any` (no destination MACs).
# rs1 keeps the kernel defaults arp_ignore=0 and arp_announce=0 (the VIP is on its lo).
# rs1 answers the router's `who-has VIP` and announces the VIP as sender of its own ARP requests.
# The router's neighbour cache is empty at the start and flushed again half way, so it has to
# ARP for the VIP twice during the run.

CAPTURE_IFACE_client=any
CAPTURE_IFACE_router=any
CAPTURE_IFACE_director=any
CAPTURE_IFACE_rs1=any
CAPTURE_IFACE_rs2=any

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; rs_arp rs1 0 0; rs_vip_lo rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
}

# Fewer requests than arp-flux: the cooked captures hold both of the router's interfaces.
traffic() {
  requests_around_arp_flush 2
  run router ip neigh show dev lan0
}
