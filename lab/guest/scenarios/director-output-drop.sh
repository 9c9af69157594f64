# director-output-drop: an nftables rule in the director's OUTPUT chain drops packets to the VIP's
# port 80, while INPUT is open. IPVS sends a DR-forwarded packet through LOCAL_OUT and
# POSTROUTING (ip_vs_send_or_cont), so the rule drops every forwarded packet: SYNs enter the
# director and nothing leaves, though INPUT looks fine.

configure() {
  reference_site
  run director nft add table inet filter
  run director nft add chain inet filter output '{ type filter hook output priority 0; policy accept; }'
  run director nft add rule inet filter output ip daddr $VIP tcp dport 80 drop
}

traffic() {
  http_get 2 http://$VIP/
}
