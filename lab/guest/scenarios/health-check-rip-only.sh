# health-check-rip-only: keepalived on the director (DR virtual server VIP:80, rr, TCP_CHECK every
# 2 s on each real server's RIP:80), and rs2's HTTP server listening on its RIP (192.0.2.12:80)
# only, not on the VIP. The health check connects to RIP:80 and succeeds, so keepalived keeps rs2
# in the table; client connections to VIP:80 scheduled to rs2 are refused by rs2's kernel.
# The director also runs the IPVS sync daemon (lvs_sync_daemon), as a VRRP director should.

KA_SYNC_DAEMON=eth0
KA_DELAY_LOOP=2

configure() {
  net_base
  director_up director $DIP
  rs_dr rs1; server http rs1 0.0.0.0 80
  rs_dr rs2; server http rs2 $RIP2 80
  keepalived_director
}

traffic() {
  pause 3
  ipvs_snapshot
  http_get 8 http://$VIP/
  pause 3
  run director ipvsadm -Ln
}
