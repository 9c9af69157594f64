# director-firewall-drop: an nftables rule on the director drops INPUT tcp dport 80.
# IPVS runs after the filter INPUT hook, so the client's SYNs enter the director and die there.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; done
  http_wrr_service
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input tcp dport 80 drop
}

traffic() {
  http_get 2 http://$VIP/
}
