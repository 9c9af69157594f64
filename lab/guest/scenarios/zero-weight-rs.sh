# zero-weight-rs: rs2 is in the table with weight 0 (quiesced, e.g. for maintenance).
# It must receive no new connections; every request goes to rs1.

configure() {
  net_base
  dr_site http 0.0.0.0 80
  dr_service -t 80 wrr 1 0
}

traffic() {
  http_get 8 http://$VIP/
}
