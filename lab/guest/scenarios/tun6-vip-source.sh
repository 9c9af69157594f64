# tun6-vip-source: an IPv6 LVS-TUN site (hosts are dual-stack, the traffic is IPv6 only).
# Director: VIP6/128 on eth0, `ipvsadm -A -t [VIP6]:80 -s rr`, rs1 and rs2 with `-i`: IPVS wraps
# each client packet in an outer IPv6 header from the director's address to the real server's
# (next header 41). Real servers: the ip6_tunnel module's fallback device ip6tnl0 up with VIP6/128
# on it, HTTP on [::]:80. The director's source address selection picks VIP6 (also on eth0) for
# the outer header; the real servers hold VIP6 themselves, and ip6_tnl_rcv_ctl() drops tunnelled
# packets whose remote end is a local address: every connection times out.
# Traffic: 6 HTTP GETs, each on a new connection.

IPV6=1

configure() {
  local rs
  modprobe ip6_tunnel
  net_base
  director_up director $DIP
  vip_on_director director
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
