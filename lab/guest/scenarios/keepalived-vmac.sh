# keepalived-vmac: the keepalived pair of keepalived-failover (VRRP instance VI_1, VRID 51, DR
# virtual servers VIP:80 and VIP:7000, rr, TCP_CHECK) with `use_vmac`: the master puts the VIP on
# a macvlan interface vrrp.51 with the VRRP virtual MAC 00:00:5e:00:01:33 and answers ARP for it
# with that MAC, while IPVS forwards to the real servers from eth0's own MAC. Nothing is wrong:
# one director takes packets in on one MAC and sends them on from another.
# Traffic: 9 HTTP GETs from the client, each on a new connection.

LAN_HOSTS="director director2 rs1 rs2"
KA_USE_VMAC=1

configure() {
  keepalived_pair_site
  step "director holds the VIP on vrrp.51; both directors have their IPVS tables"
}

traffic() {
  http_get 9 http://$VIP/
}
