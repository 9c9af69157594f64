# director-idle-timeout: IPVS's TCP timeout shortened to 3 s (`ipvsadm --set 3 0 0`; the default
# is 900 s), shorter than the application's idle time. A line-echo session scheduled to a real
# server idles 5 s between lines; meanwhile the director forgets the connection, and the next
# segment reaches the director's own stack (the VIP is local there), which answers it with a RST.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server lineecho $rs 0.0.0.0 7000; done
  ipvs director -A -t $VIP:7000 -s rr
  ipvs director -a -t $VIP:7000 -r $RIP1:7000 -g -w 1
  ipvs director -a -t $VIP:7000 -r $RIP2:7000 -g -w 1
  ipvs director --set 3 0 0
}

traffic() {
  run client python3 "$GUEST/tools.py" lineclient $VIP 7000 3 5 || true
  run director ipvsadm -Lnc
}
