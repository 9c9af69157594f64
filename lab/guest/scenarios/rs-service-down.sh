# rs-service-down: rs2's HTTP server is stopped while rs2 stays in the ipvsadm table
# (no health checking). Connections scheduled to rs2 are refused by rs2's kernel.

configure() {
  reference_site
  wait_servers
  stop http-rs2-80
}

traffic() {
  http_get 6 http://$VIP/
}
