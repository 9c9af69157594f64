# nat-mode-port-map: DR was intended (real servers have the VIP on lo and the ARP sysctls, their
# default gateway is the router), but the director was configured in NAT mode with a port map:
#   ipvsadm -a -t VIP:80 -r RIP:8080 -m
# The director rewrites the destination to RIP:8080; the real servers answer from RIP:8080
# straight to the client through the router, bypassing the director that should un-NAT them.

configure() {
  net_base
  dr_site http 0.0.0.0 8080
  ipvs director -A -t $VIP:80 -s wrr
  ipvs director -a -t $VIP:80 -r $RIP1:8080 -m -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:8080 -m -w 2
}

traffic() {
  http_get 3 http://$VIP/
}
