# dns-tcp-service-missing: a DNS-style service balanced on UDP only. The director has
# `ipvsadm -A -u VIP:53` with both real servers, and no TCP service on port 53: the real servers
# answer on both (a UDP server on VIP:53, a TCP line-echo server on 0.0.0.0:53), but TCP
# queries (a resolver's fallback after a truncated answer, zone transfers) reach the director's
# own stack, which refuses them.
# Traffic: 4 UDP queries from the client (each from a new socket), then 2 TCP connections to VIP:53.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  local rs
  for rs in rs1 rs2; do rs_dr $rs; server udp $rs $VIP 53; server lineecho $rs 0.0.0.0 53; done
  dr_service -u 53 rr 1 1
}

traffic() {
  step "[client] python3 tools.py udpclient $VIP 53 4"
  on client python3 "$GUEST/tools.py" udpclient $VIP 53 4 > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
  local i
  for i in 1 2; do run client sh -c "echo query $i | nc -w 2 -q 1 $VIP 53" || true; done
}
