# two-active-directors: the backup director is also used as a real server, and both run the
# same IPVS service (as with two keepalived nodes whose virtual_server lists each other).
# director holds the VIP on eth0 and schedules VIP:80 over director2 and rs1 (rr). director2
# holds the VIP on lo with the real-server ARP sysctls, and its own IPVS table schedules
# VIP:80 over director and rs1. A connection scheduled from director to director2 is
# scheduled again by director2's IPVS (the VIP is local there), possibly back to director:
# the packet bounces between the two directors' MACs until its TTL runs out.

LAN_HOSTS="director director2 rs1 rs2"

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  director_up director2 $DIP2
  rs_arp director2 1 2; rs_vip_lo director2
  real_servers http 0.0.0.0 80
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $DIP2:80 -g -w 1
  ipvs director -a -t $VIP:80 -r $RIP1:80 -g -w 1
  ipvs director2 -A -t $VIP:80 -s rr
  ipvs director2 -a -t $VIP:80 -r $DIP:80 -g -w 1
  ipvs director2 -a -t $VIP:80 -r $RIP1:80 -g -w 1
}

traffic() {
  http_get 4 http://$VIP/
}
