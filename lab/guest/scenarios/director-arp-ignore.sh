# director-arp-ignore: the real servers' set-up script run on the director too. The director
# holds the VIP on lo (/32) with all.arp_ignore=1 and all.arp_announce=2, like a real server;
# its IPVS table is correct (wrr, rs1 weight 1, rs2 weight 2). With arp_ignore=1 the director
# only answers ARP for addresses on the interface the request came in on, so nobody answers
# `who-has VIP`: the router cannot resolve the VIP and the client's connections time out.

configure() {
  net_base
  director_up director $DIP
  rs_arp director 1 2
  rs_vip_lo director
  real_servers http 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 2 http://$VIP/
}
