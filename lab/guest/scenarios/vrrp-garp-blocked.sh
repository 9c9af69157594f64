# vrrp-garp-blocked: keepalived failover as in keepalived-failover (two directors, VRRP instance
# VI_1, DR virtual servers VIP:80 and VIP:7000, no connection sync), but director2's gratuitous
# ARPs never reach the wire: just before the master's keepalived is stopped, an egress filter on
# director2's eth0 drops every ARP frame whose sender and target address are both the VIP
#   tc qdisc add dev eth0 clsact
#   tc filter add dev eth0 egress protocol arp flower arp_sip VIP arp_tip VIP action drop
# (keepalived sends its gratuitous ARPs through an AF_PACKET socket, which passes the egress
# qdisc; director2's other ARP, e.g. for its health checks, still goes out). The filter is
# removed 3 s after the VIP appears on director2 (a watcher in director2's namespace), before
# keepalived's second round of gratuitous ARPs (garp_master_delay, 5 s). Until then the router
# keeps sending VIP traffic to the old director, which no longer holds the VIP.

LAN_HOSTS="director director2 rs1 rs2"
TAIL_SECONDS=2

configure() {
  keepalived_pair_site
  step "director holds the VIP; both directors have their IPVS tables"
}

traffic() {
  line_client_start
  pause 2
  run director2 tc qdisc add dev eth0 clsact
  run director2 tc filter add dev eth0 egress protocol arp flower arp_sip $VIP arp_tip $VIP action drop
  run director2 tc -s filter show dev eth0 egress
  # in director2's namespace: as soon as keepalived has set the VIP, wait 3 s, then remove the
  # filter (bounded: gives up after about 30 s)
  bg unblock director2 bash -c "
    for i in \$(seq 300); do ip -4 addr show dev eth0 | grep -q ' $VIP/' && break; sleep 0.1; done
    echo \"\$(date -u +%H:%M:%S.%N | cut -c1-15) VIP on eth0\"; sleep 3
    echo \"\$(date -u +%H:%M:%S.%N | cut -c1-15) tc -s filter show dev eth0 egress; tc qdisc del dev eth0 clsact\"
    tc -s filter show dev eth0 egress; tc qdisc del dev eth0 clsact"
  master_stops
  http_get 1 http://$VIP/ --connect-timeout 1.5
  wait_for 40 "filter removed on director2" not_running unblock
  step "[director2] the watcher's output (its lines carry their own UTC times):"
  sed 's/^/    /' "$RUNDIR/unblock.log" >> "$OUT/timeline.txt"
  run router ip neigh show dev lan0
  line_client_done
  pause 3
  run router ip neigh show dev lan0
  http_get 2 http://$VIP/
}
