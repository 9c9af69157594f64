# tun6-vip-source: the IPv6 LVS-TUN site of healthy-tun6 without its one precaution: VIP6 stays a
# preferred address on the director. Its source address selection then picks VIP6 (also on eth0) for
# the outer header; the real servers hold VIP6 themselves, and ip6_tnl_rcv_ctl() drops tunnelled
# packets whose remote end is a local address: every connection times out.
# Traffic: 6 HTTP GETs, each on a new connection.

. "$GUEST/scenarios/healthy-tun6.sh"

# VIP6 stays a preferred address on the director.
vip6_source_policy() { :; }
