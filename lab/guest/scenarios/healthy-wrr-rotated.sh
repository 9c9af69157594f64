# healthy-wrr-rotated: the healthy-wrr setup, the director and rs2 captured into rotating files
# (`tcpdump -G 2 -w HOST-%Y%m%d-%H%M%S.pcap`: a new file every 2 s), as on a busy site.
# A correct LVS-DR setup, weighted round robin 1:2.
# Director: VIP/32 on eth0, `ipvsadm -A -t VIP:80 -s wrr`, rs1 weight 1, rs2 weight 2 (both -g).
# Real servers: VIP/32 on lo, all.arp_ignore=1, all.arp_announce=2, HTTP on 0.0.0.0:80.
# Traffic: 12 HTTP GETs from the client, each on a new connection, 0.5 s apart.

CAPTURE_ROTATE_director=2
CAPTURE_ROTATE_rs2=2

configure() {
  reference_site
}

traffic() {
  local i
  for ((i = 1; i <= 12; i++)); do
    http_get 1 http://$VIP/
    sleep 0.3
  done
}
