# client-behind-nat: vip-missing-on-rs with the router masquerading the client's connections
# (nftables, source ports picked at random): the client's capture shows 198.51.100.10, the
# director and real servers see the router's LAN address 192.0.2.1 with other ports.
# rs2 lacks the VIP on lo, so the connections scheduled to rs2 die there.

. "$GUEST/scenarios/vip-missing-on-rs.sh"

configure() {
  net_base
  run router nft add table ip nat
  run router nft add chain ip nat postrouting '{ type nat hook postrouting priority 100; policy accept; }'
  run router nft add rule ip nat postrouting oifname lan0 ip saddr 198.51.100.0/24 masquerade random
  director_up director $DIP
  vip_on_director director
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_up rs2; rs_arp rs2 1 2; server http rs2 0.0.0.0 80
  http_wrr_service
}
