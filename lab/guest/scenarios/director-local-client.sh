# director-local-client: a correct LVS-DR site (wrr, rs1 weight 1, rs2 weight 2), tested with
# `curl http://VIP/` run on the director itself, as operators often try first. IPVS schedules the
# director's own connection too, but its source address is the VIP: the director resolves the real
# server with the VIP as ARP sender, and the real server, which holds the VIP on lo, takes both
# the ARP request and the SYN for martians from one of its own addresses and never answers.
# The same test from the client works.

configure() {
  reference_site
}

traffic() {
  local i
  for i in 1 2; do
    run director curl -sS --connect-timeout 3 --max-time 5 http://$VIP/ || step "[director] curl $i failed"
  done
  http_get 2 http://$VIP/
}
