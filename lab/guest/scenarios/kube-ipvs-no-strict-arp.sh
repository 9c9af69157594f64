# kube-ipvs-no-strict-arp: the LVS-DR site of healthy-wrr, but the real servers hold the VIP the
# way kube-proxy in IPVS mode holds every service address on every node: on a dummy interface
# kube-ipvs0, with the kernel's default ARP sysctls (kube-proxy's strictARP off, so
# arp_ignore=0, arp_announce=0). A Linux host with arp_ignore=0 answers ARP for any of its
# addresses on any interface: both real servers answer the router's `who-has VIP` beside the
# director. The router's neighbour cache is flushed half way, so it has to ARP for the VIP twice.

configure() {
  local rs
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do
    rs_up $rs
    run $rs ip link add kube-ipvs0 type dummy
    run $rs ip addr add $VIP/32 dev kube-ipvs0
    server http $rs 0.0.0.0 80
  done
  http_wrr_service
}

traffic() {
  requests_around_arp_flush 6
  run router ip neigh show dev lan0
}
