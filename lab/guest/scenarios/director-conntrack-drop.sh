# director-conntrack-drop: a stateful firewall on the director, `ct state invalid drop` and
# `tcp flags & (syn|ack) != syn ct state new drop` in the INPUT chain. In DR the director's
# conntrack sees only the client's side of each connection (the replies go from the real servers
# straight to the client), so the client's handshake ACK is not ESTABLISHED for it: the SYN is
# forwarded, the real server answers, and every later client segment dies in the director.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; done
  http_wrr_service
  run director nft add table inet filter
  run director nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
  run director nft add rule inet filter input ct state invalid drop
  run director nft add rule inet filter input 'tcp flags & (syn|ack) != syn ct state new drop'
}

traffic() {
  http_get 2 http://$VIP/
}
