# client-behind-nat: vip-missing-on-rs with the router masquerading the client's connections
# (nftables, source ports picked at random): the client's capture shows 198.51.100.10, the
# director and real servers see the router's LAN address 192.0.2.1 with other ports.
# rs2 lacks the VIP on lo, so the connections scheduled to rs2 die there.

. "$GUEST/scenarios/vip-missing-on-rs.sh"

# vip-missing-on-rs's configuration, then the router's NAT.
eval "base_$(declare -f configure)"
configure() {
  base_configure
  run router nft add table ip nat
  run router nft add chain ip nat postrouting '{ type nat hook postrouting priority 100; policy accept; }'
  run router nft add rule ip nat postrouting oifname lan0 ip saddr 198.51.100.0/24 masquerade random
}
