# dns-udp-service-missing: the mirror of dns-tcp-service-missing. The director balances TCP
# VIP:53 only (`ipvsadm -A -t VIP:53`); UDP queries, most of DNS, reach the director's own stack,
# which has nothing on port 53 and answers ICMP port unreachable from the VIP.
# Traffic: 2 TCP connections to VIP:53, then 4 UDP queries from the client (each from a new socket).

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  local rs
  for rs in rs1 rs2; do rs_dr $rs; server udp $rs $VIP 53; server lineecho $rs 0.0.0.0 53; done
  dr_service -t 53 rr 1 1
}

traffic() {
  local i
  for i in 1 2; do run client sh -c "echo query $i | nc -w 2 -q 1 $VIP 53" || true; done
  step "[client] python3 tools.py udpclient $VIP 53 4"
  on client python3 "$GUEST/tools.py" udpclient $VIP 53 4 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}
