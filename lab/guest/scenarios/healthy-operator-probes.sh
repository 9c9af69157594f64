# healthy-operator-probes: the healthy-wrr site while an operator checks it the usual ways.
# Director: as healthy-wrr, plus a management service of its own (a line-echo server on
# 0.0.0.0:2222, standing in for sshd) that is not an IPVS service.
# Traffic: the client pings the VIP (the director answers) and rs1's RIP (rs1 answers), connects three
# times to VIP:2222 (the director's own service) and to VIP:443 (no service and no listener: the director
# refuses it), the router arpings the VIP (only the director answers), then 12 HTTP GETs.

configure() {
  reference_site
  server lineecho director 0.0.0.0 2222
}

traffic() {
  run client ping -c 3 -i 0.2 $VIP
  run client ping -c 2 -i 0.2 $RIP1
  local i
  for i in 1 2 3; do run client sh -c "echo hello $i | nc -w 2 -q 1 $VIP 2222" || true; done
  run client nc -z -w 2 $VIP 443 || true
  run router arping -c 2 -I lan0 $VIP || true
  http_get 12 http://$VIP/
}
