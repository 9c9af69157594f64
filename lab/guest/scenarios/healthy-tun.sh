# healthy-tun: a correct LVS-TUN site (IP-in-IP, `ipvsadm -i`). The director encapsulates each
# client packet in an outer IPv4 header from its DIP to the real server's RIP; the real servers
# hold the VIP on tunl0, decapsulate and answer the client straight from the VIP. rs1 is on the
# director's LAN; rs2 is in 203.0.113.0/24 behind the router (which tunnelling allows and direct
# routing does not). Real servers: arp_ignore=1, arp_announce=2, rp_filter off on tunl0 (the
# decapsulated packet arrives on tunl0 from a client routed via eth0). Round robin.
# Traffic: 6 HTTP GETs from the client, each on a new connection.

configure() {
  modprobe ipip
  net_base
  run router ip addr add 203.0.113.1/24 dev lan0
  director_up director $DIP
  vip_on_director director
  rs_up rs1
  run rs2 ip addr add 203.0.113.12/24 dev eth0
  run rs2 ip route add default via 203.0.113.1
  tun_rs rs1
  tun_rs rs2
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -i -w 1
  ipvs director -a -t $VIP:80 -r 203.0.113.12:80 -i -w 1
}

traffic() {
  http_get 6 http://$VIP/
}
