# healthy-tun-gre: tunnelling with GRE instead of IP in IP (`ipvsadm -i --tun-type gre`, kernel
# 5.3 and later): the director wraps each client packet in an outer IPv4 header from its DIP to
# the real server and a GRE header (protocol 0x0800). Real servers: the ip_gre module's fallback
# device gre0 up with the VIP on it, rp_filter off, the usual ARP sysctls, HTTP on 0.0.0.0:80.
# Both real servers on the director's LAN, round robin.
# Traffic: 6 HTTP GETs from the client, each on a new connection.

configure() {
  modprobe ip_gre
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; tun_rs rs1 gre0
  rs_up rs2; tun_rs rs2 gre0
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -i --tun-type gre -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -i --tun-type gre -w 1
}

traffic() {
  http_get 6 http://$VIP/
}
