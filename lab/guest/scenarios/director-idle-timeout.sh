# director-idle-timeout: IPVS's TCP timeout shortened to 3 s (`ipvsadm --set 3 0 0`; the default
# is 900 s), shorter than the application's idle time. A line-echo session scheduled to a real
# server idles 5 s between lines; meanwhile the director forgets the connection, and the next
# segment reaches the director's own stack (the VIP is local there), which answers it with a RST.

configure() {
  net_base
  dr_site lineecho 0.0.0.0 7000
  dr_service -t 7000 rr 1 1
  ipvs director --set 3 0 0
}

traffic() {
  run client python3 "$GUEST/tools.py" lineclient $VIP 7000 3 5 || true
  run director ipvsadm -Lnc
}
