# healthy-sh: a correct LVS-DR setup with the source-hashing scheduler: every connection from one
# client address goes to the same real server, whatever the weights say about shares.
# Director: VIP/32 on eth0, `ipvsadm -A -t VIP:80 -s sh`, rs1 weight 1, rs2 weight 2 (both -g).
# Real servers: VIP/32 on lo, all.arp_ignore=1, all.arp_announce=2, HTTP on 0.0.0.0:80.
# Traffic: 60 HTTP GETs from the one client, each on a new connection.

configure() {
  net_base
  dr_site http 0.0.0.0 80
  dr_service -t 80 sh 1 2
}

traffic() {
  http_get 60 http://$VIP/
}
