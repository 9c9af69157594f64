# healthy-tun6: a correct IPv6 LVS-TUN site (hosts are dual-stack, the traffic is IPv6 only).
# Director: VIP6/128 on eth0, `ipvsadm -A -t [VIP6]:80 -s rr`, rs1 and rs2 with `-i`: IPVS wraps
# each client packet in an outer IPv6 header from the director's address to the real server's
# (next header 41). VIP6 is deprecated on the director (preferred_lft 0), so source address
# selection never picks it and the outer header comes from the director's own address (see
# tun6-vip-source for what happens otherwise). Real servers: the ip6_tunnel module's fallback
# device ip6tnl0 up with VIP6/128 on it, HTTP on [::]:80.
# Traffic: 6 HTTP GETs, each on a new connection.

IPV6=1

# vip6_source_policy   VIP6 deprecated on the director: source address selection never picks it
vip6_source_policy() {
  run director ip -6 addr change $VIP6/128 dev eth0 preferred_lft 0
}

configure() {
  local rs
  modprobe ip6_tunnel
  net_base
  director_up director $DIP
  vip_on_director director
  vip6_source_policy
  for rs in rs1 rs2; do
    rs_up $rs
    run $rs ip link set ip6tnl0 up
    run $rs ip -6 addr add $VIP6/128 dev ip6tnl0
    server http $rs :: 80
  done
  ipvs director -A -t "[$VIP6]:80" -s rr
  ipvs director -a -t "[$VIP6]:80" -r "[$RIP16]:80" -i -w 1
  ipvs director -a -t "[$VIP6]:80" -r "[$RIP26]:80" -i -w 1
  wait_dad
}

traffic() {
  http_get 6 "http://[$VIP6]/"
}
