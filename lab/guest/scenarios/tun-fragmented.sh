# tun-fragmented: tun-mtu with its fix applied on the director: net.ipv4.vs.pmtu_disc=0 lets IPVS
# fragment the tunnelled packets that no longer fit the 1500-byte LAN (the outer header adds 20
# bytes) instead of answering them with ICMP fragmentation needed. The real servers reassemble
# the outer packets and decapsulate them. Traffic: 3 HTTP POSTs of 8000 bytes, each on a new
# connection.

. "$GUEST/scenarios/tun-mtu.sh"

pmtu_policy() {
  sysctl_set director net.ipv4.vs.pmtu_disc=0
  step "[director] sysctl net.ipv4.vs.pmtu_disc=0"
}
