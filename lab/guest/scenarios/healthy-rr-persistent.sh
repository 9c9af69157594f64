# healthy-rr-persistent: a correct LVS-DR setup, round robin with persistence (-p 300).
# Every new connection from the client inside the persistence window goes to the same real server.

configure() {
  net_base
  dr_site http 0.0.0.0 80
  dr_service -t 80 rr 1 1 -p 300
}

traffic() {
  http_get 12 http://$VIP/
}
