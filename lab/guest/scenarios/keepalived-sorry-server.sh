# keepalived-sorry-server: keepalived on the director (DR virtual server VIP:80, rr, TCP_CHECK every
# 2 s) with a sorry server (`sorry_server 192.0.2.13 80`, a host set up like a DR real server
# that serves a maintenance page). Nothing is misconfigured: both real servers' HTTP servers are
# stopped, keepalived's health checks remove them, and keepalived puts the sorry server into the
# table, which then answers every request until a real server comes back.
# Traffic: 4 HTTP GETs served by rs1 and rs2, both HTTP servers stopped, 4 GETs served by the
# sorry server. The director runs the IPVS sync daemon (lvs_sync_daemon), as a VRRP director should.

LAN_HOSTS="director rs1 rs2 sorry"
KA_SYNC_DAEMON=eth0
KA_DELAY_LOOP=2
KA_SORRY=$SORRY

configure() {
  net_base
  director_up director $DIP
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 0.0.0.0 80
  rs_dr sorry; server http sorry 0.0.0.0 80
  keepalived_director
}

traffic() {
  http_get 4 http://$VIP/
  stop http-rs1-80
  stop http-rs2-80
  wait_for 40 "the sorry server in the IPVS table" sh -c "ip netns exec ${NS_PREFIX}director ipvsadm -Ln | grep -q $SORRY"
  run director ipvsadm -Ln
  http_get 4 http://$VIP/
}
