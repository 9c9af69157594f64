# rs-rp-filter: rs2 is multi-homed: besides eth0 it has eth1 (a dummy link standing for a second
# network) with a route to the clients' network 198.51.100.0/24, and strict reverse-path
# filtering (rp_filter=1). Everything else is the healthy-wrr site, the VIP on rs2's lo included.
# A client's packet for the VIP arrives on eth0, but the route back to the client leaves through
# eth1: the kernel drops it before any socket sees it.
# Traffic: 6 HTTP GETs from the client, each on a new connection.

configure() {
  reference_site
  run rs2 ip link add eth1 type dummy
  run rs2 ip link set eth1 up
  run rs2 ip addr add 10.99.0.12/24 dev eth1
  run rs2 ip route add 198.51.100.0/24 dev eth1
  sysctl_set rs2 net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.eth0.rp_filter=1
  step "[rs2] sysctl net.ipv4.conf.{all,eth0}.rp_filter=1"
}

traffic() {
  http_get 6 http://$VIP/
}
