# rs-service-down: rs2's HTTP server is stopped while rs2 stays in the ipvsadm table
# (no health checking). Connections scheduled to rs2 are refused by rs2's kernel.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; done
  http_wrr_service
  wait_servers
  stop http-rs2-80
}

traffic() {
  http_get 6 http://$VIP/
}
