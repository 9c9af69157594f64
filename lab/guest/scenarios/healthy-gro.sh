# healthy-gro: a correct LVS-DR setup (as healthy-wrr) whose director and real servers receive
# with GRO, as real NICs do: the router sends MTU-sized segments, the director's eth0 merges them
# into larger frames before tcpdump and IPVS see them, IPVS forwards the merged frame, the bridge
# port splits it again and each real server's eth0 merges the segments anew, not necessarily in
# the same groups. The client keeps the kernel's default offloads (TSO); the router does not.
# Director: VIP/32 on eth0, `ipvsadm -A -t VIP:80 -s wrr`, rs1 weight 1, rs2 weight 2 (both -g).
# Real servers: VIP/32 on lo, arp_ignore=1, arp_announce=2.
# Traffic: 4 HTTP GETs and 4 POSTs of 100,000 bytes, each on a new connection.

OFFLOAD_HOSTS="client director rs1 rs2"

configure() {
  net_base
  # GRO on a veth needs its NAPI receive path, which `gro on` enables.
  for h in director rs1 rs2; do run $h ethtool -K eth0 gro on; run $h ethtool -k eth0; done
  dr_site http 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 4 http://$VIP/
  head -c 100000 /dev/zero | tr '\0' x > "$RUNDIR/body"
  http_get 4 http://$VIP/ -H 'Expect:' --data-binary @"$RUNDIR/body"
}
