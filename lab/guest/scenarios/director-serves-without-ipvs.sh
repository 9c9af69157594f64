# director-serves-without-ipvs: the healthy-wrr site after the director lost its IPVS rules (a
# reboot without the saved table, keepalived not running), with a web server of its own listening
# on 0.0.0.0:80. The director still owns the VIP, so every request is answered, by the director:
# the real servers get nothing, and nobody notices until the director is overloaded.
# Traffic: 6 HTTP GETs from the client, each on a new connection.

configure() {
  net_base
  dr_site http 0.0.0.0 80
  server http director 0.0.0.0 80
  run director ipvsadm -Ln
}

traffic() {
  http_get 6 http://$VIP/
}
