# arp-announce-flux: rs1 has arp_ignore=1 (it never answers `who-has VIP`) but keeps
# arp_announce=0 (on all and eth0), the VIP on its lo. rs1's neighbour cache is flushed before
# the client traffic, so it has no entry for the router: when it first replies from the VIP it
# resolves the router with the VIP as ARP sender (`who-has 192.0.2.1 tell 192.0.2.100`,
# broadcast). The router, asked for its own address, takes the sender's binding: its cache entry
# for the VIP moves to rs1's MAC, and VIP traffic bypasses the director until that entry fails
# its reachability probes (rs1 does not answer them) and the router asks for the VIP again.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1
  sysctl_set rs1 net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.eth0.arp_ignore=1 \
                 net.ipv4.conf.all.arp_announce=0 net.ipv4.conf.eth0.arp_announce=0
  step "[rs1] sysctl net.ipv4.conf.{all,eth0}.arp_ignore=1 net.ipv4.conf.{all,eth0}.arp_announce=0"
  rs_vip_lo rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  http_wrr_service
  wait_servers
  run rs1 ip neigh flush dev eth0
  run rs1 ip neigh show dev eth0
}

traffic() {
  http_get 6 http://$VIP/
  run router ip neigh show dev lan0
  run rs1 ip neigh show dev eth0
  pause 8
  http_get 6 http://$VIP/
  run router ip neigh show dev lan0
  pause 4
  http_get 3 http://$VIP/
  run router ip neigh show dev lan0
}
