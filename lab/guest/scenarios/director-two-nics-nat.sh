# director-two-nics-nat: the site of director-two-nics (VIP on the director's eth0, real servers
# behind its eth1, the real servers' gateway the router's back port), but the director was
# configured in NAT mode with a port map, as in nat-mode-port-map:
#   ipvsadm -a -t VIP:80 -r RIP:8080 -m
# The director rewrites the destination to RIP:8080 as it forwards from eth1; the real servers
# answer from RIP:8080 straight to the client through the router, bypassing the director that
# should un-NAT them. Captured on both of the director's interfaces.
# Traffic: 3 HTTP GETs from the client.

. "$GUEST/scenarios/director-two-nics.sh"

configure() {
  two_nics_site -m 8080
}

traffic() {
  http_get 3 http://$VIP/
}
