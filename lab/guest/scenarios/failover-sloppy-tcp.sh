# failover-sloppy-tcp: two directors run keepalived as in keepalived-failover (VRRP instance VI_1,
# DR virtual servers VIP:80 and VIP:7000, rr, TCP_CHECK, identical configurations), without
# connection synchronisation; on the backup `sysctl net.ipv4.vs.sloppy_tcp=1`. The client first
# holds one short line-echo session (scheduled by the director to rs2), then opens the long-lived
# one (the director's round robin moves on: rs1) and sends a line every 0.5 s; meanwhile the
# master's keepalived is stopped. director2 has no entry for the running connection; with
# sloppy_tcp it schedules the next mid-stream segment as a new connection. Its own round robin
# has not served VIP:7000 yet, so its first pick is rs2 (the same first pick the director made),
# not rs1: rs2 has no such socket and answers with a RST from the VIP.

LAN_HOSTS="director director2 rs1 rs2"
TAIL_SECONDS=2

sloppy_tcp_on_director2() {
  sysctl_set director2 net.ipv4.vs.sloppy_tcp=1
  run director2 sysctl net.ipv4.vs.sloppy_tcp
}

configure() {
  keepalived_pair_site sloppy_tcp_on_director2
  step "director holds the VIP; both directors have their IPVS tables"
}

traffic() {
  http_get 2 http://$VIP/
  run client python3 "$GUEST/tools.py" lineclient $VIP 7000 2 0.3
  ipvs_snapshot
  bg lineclient client python3 "$GUEST/tools.py" lineclient $VIP 7000 16 0.5
  pause 3
  run director ipvsadm -Lnc
  master_stops
  line_client_done
  run director2 ipvsadm -Lnc
  http_get 2 http://$VIP/
}
