# udp-fragments-mtu: healthy-udp-fragments on a site whose director-to-real-server path has MTU
# 1400 (route MTU on the director's LAN route), the client side 1500. The requests carry no DF,
# so the director, after reassembling each one, sends it on in fragments cut for 1400 bytes:
# different fragment boundaries on the two sides of the director, the same IP ID. It works.

. "$GUEST/scenarios/healthy-udp-fragments.sh"

configure() {
  net_base
  dr_site udp $VIP 9000
  run director ip route replace 192.0.2.0/24 dev eth0 proto kernel scope link src $DIP mtu 1400
  dr_service -u 9000 wrr 1 2
}
