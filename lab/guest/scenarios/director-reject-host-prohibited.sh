# director-reject-host-prohibited: the healthy-wrr site with the catch-all reject that RHEL's
# default iptables rules end in (`-A INPUT -j REJECT --reject-with icmp-host-prohibited`), here as
# nft `reject with icmp type host-prohibited` after an accept for ssh: the service port was never
# opened. Every SYN to VIP:80 is answered by the director with ICMP 3/10 from the VIP.
# Traffic: 3 HTTP GETs from the client, each on a new connection.

configure() {
  reference_site
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input tcp dport 22 accept
  run director nft add rule inet filter input ip daddr $VIP reject with icmp type host-prohibited
}

traffic() {
  http_get 3 http://$VIP/
}
