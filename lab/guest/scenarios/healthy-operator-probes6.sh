# healthy-operator-probes6: the healthy-ipv6 site (dual-stack hosts, an IPv6 service on
# [VIP6]:80, wrr 1:2) while an operator checks it: ping of the VIP6 (the director answers),
# traceroute's UDP and TCP probes to the VIP6 (the director answers port unreachable, and time
# exceeded for the SYN that reaches it with hop limit 1), a probe of the closed [VIP6]:443 (the
# director refuses it), a request straight to rs1's RIP (bypassing the director), then 6 HTTP
# GETs to the VIP6.

. "$GUEST/scenarios/healthy-ipv6.sh"

traffic() {
  run client ping -6 -c 3 -i 0.2 $VIP6
  traceroute_probes $VIP6
  run client nc -6 -z -w 2 $VIP6 443 || true
  http_get 1 "http://[$RIP16]/"
  http_get 6 "http://[$VIP6]/"
}
