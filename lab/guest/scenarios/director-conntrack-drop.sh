# director-conntrack-drop: a stateful firewall on the director, `ct state invalid drop` and
# `tcp flags & (syn|ack) != syn ct state new drop` in the INPUT chain. In DR the director's
# conntrack sees only the client's side of each connection (the replies go from the real servers
# straight to the client), so the client's handshake ACK is not ESTABLISHED for it: the SYN is
# forwarded, the real server answers, and every later client segment dies in the director.

configure() {
  reference_site
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input ct state invalid drop
  run director nft add rule inet filter input 'tcp flags & (syn|ack) != syn ct state new drop'
}

traffic() {
  http_get 2 http://$VIP/
}
