# director-firewall-drop: an nftables rule on the director drops INPUT tcp dport 80.
# IPVS runs after the filter INPUT hook, so the client's SYNs enter the director and die there.

configure() {
  reference_site
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input tcp dport 80 drop
}

traffic() {
  http_get 2 http://$VIP/
}
