# director-two-nics: a correct LVS-DR site whose director has two interfaces. eth0 is on the
# front LAN (192.0.2.0/24) with the router, the DIP 192.0.2.2 and the VIP; eth1 (203.0.113.2) is
# on a back LAN, 203.0.113.0/24, with the real servers (rs1 203.0.113.11, rs2 203.0.113.12, VIP
# on lo, arp_ignore=1, arp_announce=2), which send their replies to the client through the
# router's port on the back LAN (203.0.113.1). `ipvsadm -s wrr`, rs1 weight 1, rs2 weight 2.
# The director is captured on both interfaces: director.pcap (eth0) sees each request come in,
# director-eth1.pcap (eth1) sees it leave for a real server.
# Traffic: 12 HTTP GETs from the client, each on a new connection.

BACK_LAN="rs1 rs2"
EXTRA_CAPTURES="director:eth1"
BACK_RTR=203.0.113.1; BACK_DIP=203.0.113.2; BACK_RIP1=203.0.113.11; BACK_RIP2=203.0.113.12

# two_nics_site METHOD PORT   both LANs, the director's two interfaces, rs1 and rs2 as DR real
# servers on the back LAN with HTTP on 0.0.0.0:PORT, and the virtual service VIP:80 (wrr) with
# rs1 (weight 1) and rs2 (weight 2) on PORT, forwarded by METHOD (-g direct routing, -m NAT)
two_nics_site() {
  local method=$1; shift
  net_base
  run router ip addr add $BACK_RTR/24 dev lan1
  director_up director $DIP
  vip_on_director director
  run director ip addr add $BACK_DIP/24 dev eth1
  local rs rip
  for rs in rs1 rs2; do
    rip=$BACK_RIP1; [ $rs = rs2 ] && rip=$BACK_RIP2
    run $rs ip addr add $rip/24 dev eth0
    run $rs ip route add default via $BACK_RTR
    rs_arp $rs 1 2; rs_vip_lo $rs; server http $rs 0.0.0.0 "$1"
  done
  ipvs director -A -t $VIP:80 -s wrr
  ipvs director -a -t $VIP:80 -r $BACK_RIP1:"$1" "$method" -w 1
  ipvs director -a -t $VIP:80 -r $BACK_RIP2:"$1" "$method" -w 2
}

configure() {
  two_nics_site -g 80
}

traffic() {
  http_get 12 http://$VIP/
}
