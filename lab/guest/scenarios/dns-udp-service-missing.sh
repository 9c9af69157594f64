# dns-udp-service-missing: the mirror of dns-tcp-service-missing. The director balances TCP
# VIP:53 only (`ipvsadm -A -t VIP:53`); UDP queries, most of DNS, reach the director's own stack,
# which has nothing on port 53 and answers ICMP port unreachable from the VIP.
# Traffic: 2 TCP connections to VIP:53, then 4 UDP queries from the client (each from a new socket).

configure() {
  dns_site -t
}

traffic() {
  local i
  for i in 1 2; do run client sh -c "echo query $i | nc -w 2 -q 1 $VIP 53" || true; done
  udp_queries 4
}
