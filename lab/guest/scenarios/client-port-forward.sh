# client-port-forward: vip-missing-on-rs behind a port forward: the client connects to the
# router's public address 198.51.100.1:8080, which the router forwards (nftables DNAT) to the
# VIP 192.0.2.100:80. The client's capture never shows the VIP; the director and real servers
# see the client's own address. rs2 lacks the VIP on lo, so the connections scheduled to rs2
# die there.

. "$GUEST/scenarios/vip-missing-on-rs.sh"

# vip-missing-on-rs's configuration, then the router's NAT.
eval "base_$(declare -f configure)"
configure() {
  base_configure
  run router nft add table ip nat
  run router nft add chain ip nat prerouting '{ type nat hook prerouting priority -100; policy accept; }'
  run router nft add rule ip nat prerouting iifname wan0 tcp dport 8080 dnat to 192.0.2.100:80
}

traffic() {
  http_get 6 http://198.51.100.1:8080/
}
