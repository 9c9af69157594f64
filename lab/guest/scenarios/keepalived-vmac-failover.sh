# keepalived-vmac-failover: keepalived-failover with `use_vmac`: both directors use the VRRP
# virtual MAC 00:00:5e:00:01:33 for the VIP, so the router's ARP entry stays right through the
# failover, but without connection synchronisation director2 still has no IPVS entry for the
# running connection: its own TCP stack answers the next segment with a RST from the VIP.

LAN_HOSTS="director director2 rs1 rs2"
TAIL_SECONDS=4
KA_USE_VMAC=1

configure() {
  keepalived_pair_site
  step "director holds the VIP on vrrp.51; both directors have their IPVS tables"
}

traffic() {
  line_client_start
  pause 3
  master_stops
  line_client_done
  http_get 2 http://$VIP/
}
