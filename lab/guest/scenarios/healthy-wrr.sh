# healthy-wrr: a correct LVS-DR setup, weighted round robin 1:2.
# Director: VIP/32 on eth0, `ipvsadm -A -t VIP:80 -s wrr`, rs1 weight 1, rs2 weight 2 (both -g).
# Real servers: VIP/32 on lo, all.arp_ignore=1, all.arp_announce=2, HTTP on 0.0.0.0:80.
# Traffic: 12 HTTP GETs from the client, each on a new connection.

configure() {
  reference_site
}

traffic() {
  http_get 12 http://$VIP/
}
