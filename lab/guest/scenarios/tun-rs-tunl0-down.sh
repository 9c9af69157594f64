# tun-rs-tunl0-down: the LVS-TUN site of healthy-tun with both real servers on the director's
# LAN, but rs2 set up as a direct-routing real server (VIP on lo, tunl0 left down). The kernel's
# IP-in-IP receiver only hands packets to tunl0 while it is up; with no tunnel to take them,
# rs2 answers every encapsulated packet with ICMP port unreachable to the director, and the
# client's connections to rs2 time out. rs1 is a correct tunnelling real server. Round robin.
# Traffic: 4 HTTP GETs from the client, each on a new connection.

configure() {
  tun_site
  rs_dr rs2; server http rs2 0.0.0.0 80
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -i -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -i -w 1
}

traffic() {
  http_get 4 http://$VIP/
}
