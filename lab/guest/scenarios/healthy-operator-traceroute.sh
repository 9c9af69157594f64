# healthy-operator-traceroute: the healthy-wrr site while an operator traces the path to the VIP
# and probes a UDP port of it that nothing serves.
# Traffic: traceroute's UDP probes to the VIP (TTL 1 to 3, 3 probes each: the router answers
# time exceeded, the director port unreachable), its TCP probes to VIP:80 (traceroute -T: the
# router answers time exceeded; a SYN that reaches the director with TTL 1 gets time exceeded
# from the VIP, as IPVS decrements the TTL before forwarding), one UDP query to VIP:53 (no
# service, no listener: port unreachable), then 6 HTTP GETs.

configure() {
  reference_site
}

traffic() {
  traceroute_probes $VIP
  udp_queries 1
  http_get 6 http://$VIP/
}
