# director-reject-tcp-reset: the healthy-wrr site with a firewall on the director that rejects
# VIP:80 with a TCP reset (nft `reject with tcp reset`, iptables `-j REJECT --reject-with
# tcp-reset`). The filter INPUT hook runs before IPVS, so every SYN is refused by the director's
# own reset although ipvsadm lists the service: the client sees "connection refused".
# Traffic: 3 HTTP GETs from the client, each on a new connection.

configure() {
  reference_site
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input ip daddr $VIP tcp dport 80 reject with tcp reset
}

traffic() {
  http_get 3 http://$VIP/
}
