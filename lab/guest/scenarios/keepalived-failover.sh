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
  http_get 2 http://$VIP/
  ipvs_snapshot
  bg lineclient client python3 "$GUEST/tools.py" lineclient $VIP 7000 16 0.5
  pause 3
  stop keepalived-director TERM
  wait_for 20 "VIP on director2" has_vip director2
  step "director2 holds the VIP"
  wait_for 20 "line client to finish" not_running lineclient
  while read -r l; do step "[client] $l"; done < "$RUNDIR/lineclient.log"
  http_get 2 http://$VIP/
}
