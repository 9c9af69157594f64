# dns-tcp-service-missing: a DNS-style service balanced on UDP only. The director has
# `ipvsadm -A -u VIP:53` with both real servers, and no TCP service on port 53: the real servers
# answer on both (a UDP server on VIP:53, a TCP line-echo server on 0.0.0.0:53), but TCP
# queries (a resolver's fallback after a truncated answer, zone transfers) reach the director's
# own stack, which refuses them.
# Traffic: 4 UDP queries from the client (each from a new socket), then 2 TCP connections to VIP:53.

configure() {
  dns_site -u
}

traffic() {
  udp_queries 4
  local i
  for i in 1 2; do run client sh -c "echo query $i | nc -w 2 -q 1 $VIP 53" || true; done
}
