# keepalived-failover-sync: keepalived-failover with IPVS connection synchronisation
# (`lvs_sync_daemon eth0 VI_1` on both directors): the master's kernel multicasts its connection
# entries to 224.0.0.81:8848 and the backup's kernel installs them. The client keeps one TCP
# connection to the line-echo service VIP:7000 open, sending a line every 0.5 s; meanwhile the
# master's keepalived is stopped (SIGTERM). director2 takes over the VIP with the connection's
# entry already in its table and forwards the next segment to the same real server: the
# connection survives the failover.

LAN_HOSTS="director director2 rs1 rs2"
TAIL_SECONDS=2
KA_SYNC_DAEMON=eth0

configure() {
  keepalived_pair_site
  wait_for 30 "sync daemons" sh -c "ip netns exec ${NS_PREFIX}director ipvsadm -L --daemon | grep -q master && ip netns exec ${NS_PREFIX}director2 ipvsadm -L --daemon | grep -q backup"
  run director ipvsadm -L --daemon
  run director2 ipvsadm -L --daemon
  step "director holds the VIP; both directors have their IPVS tables and sync daemons"
}

traffic() {
  line_client_start
  pause 4
  run director2 ipvsadm -Lnc
  master_stops
  line_client_done
  http_get 2 http://$VIP/
}
