# lan-client-offload: a correct LVS-DR setup whose client sits on the LAN next to the director
# and keeps the kernel's default offloads (checksum, TSO, GSO), as a real NIC does.
# Client 192.0.2.50/24 on the bridge; director: VIP/32 on eth0, `ipvsadm -A -t VIP:80 -s wrr`,
# rs1 weight 1, rs2 weight 2 (both -g). Real servers: VIP/32 on lo, arp_ignore=1, arp_announce=2.
# Traffic: 10 HTTP GETs and 2 POSTs of 20,000 bytes, each on a new connection. The client's own
# capture holds unfinished TCP checksums and TSO frames larger than the MTU; the bridge port
# toward the director has no offloads, so the director receives finished checksums and
# MTU-sized segments.

CLIENT_ON_LAN=1
OFFLOAD_HOSTS=client
CIP_LAN=192.0.2.50

configure() {
  run client ip addr add $CIP_LAN/24 dev eth0
  run client ip route add default via $RTR
  run router ip addr add $RTR/24 dev lan0
  run client ethtool -k eth0
  dr_site http 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 10 http://$VIP/
  head -c 20000 /dev/zero | tr '\0' x > "$RUNDIR/body"
  http_get 2 http://$VIP/ -H 'Expect:' --data-binary @"$RUNDIR/body"
}
