# keepalived-vmac-failover: keepalived-failover with `use_vmac`: both directors use the VRRP
# virtual MAC 00:00:5e:00:01:33 for the VIP, so the router's ARP entry stays right through the
# failover, but without connection synchronisation director2 still has no IPVS entry for the
# running connection: its own TCP stack answers the next segment with a RST from the VIP.
# Site and traffic are keepalived-failover's; a longer tail keeps the packets after the failover.

. "$GUEST/scenarios/keepalived-failover.sh"
TAIL_SECONDS=4
KA_USE_VMAC=1
