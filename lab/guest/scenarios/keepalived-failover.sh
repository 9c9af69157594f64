# keepalived-failover: two directors run keepalived (VRRP instance VI_1 holding the VIP, DR
# virtual servers VIP:80 and VIP:7000 with TCP_CHECK). No connection synchronisation
# (no lvs_sync_daemon). The client keeps one TCP connection to the line-echo service VIP:7000
# open, sending a line every 0.5 s; meanwhile the master's keepalived is stopped (SIGTERM, as
# `systemctl stop keepalived` does). The backup takes over the VIP but has no IPVS connection
# entry for the running connection: its own TCP stack answers the next segment with a RST from
# the VIP.

LAN_HOSTS="director director2 rs1 rs2"
TAIL_SECONDS=2

configure() {
  keepalived_pair_site
  step "director holds the VIP; both directors have their IPVS tables"
}

traffic() {
  line_client_start
  pause 3
  master_stops
  line_client_done
  http_get 2 http://$VIP/
}
