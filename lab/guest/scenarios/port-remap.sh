# port-remap: the operator wanted VIP:8099 -> RIP:80 in DR mode.
#   ipvsadm -A -t VIP:8099 -s wrr; ipvsadm -a -t VIP:8099 -r RIP:80 -g
# ipvsadm silently stores RIP:8099 (DR cannot change ports); the servers listen on :80 only.

configure() {
  net_base
  dr_site http 0.0.0.0 80
  ipvs director -A -t $VIP:8099 -s wrr
  ipvs director -a -t $VIP:8099 -r $RIP1:80 -g -w 1
  ipvs director -a -t $VIP:8099 -r $RIP2:80 -g -w 2
  run director ipvsadm -Ln
}

traffic() {
  http_get 6 http://$VIP:8099/
}
