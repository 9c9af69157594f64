# rs-removed-midstream: a real server is taken out of the table (`ipvsadm -d`, as a health checker
# does) while a client's connection to it is running, with the kernel's default
# net.ipv4.vs.expire_nodest_conn=0. IPVS keeps the connection entry but its destination is
# gone: every further packet of the connection is dropped silently by the director, and the
# client hangs until its own timeout. New connections go to the remaining real server.

configure() {
  net_base
  dr_site lineecho 0.0.0.0 7000
  dr_service -t 7000 rr 1 1
  run director sysctl net.ipv4.vs.expire_nodest_conn
}

traffic() {
  bg lineclient client python3 "$GUEST/tools.py" lineclient $VIP 7000 6 1
  pause 2.5
  run director ipvsadm -Lnc
  ipvs_snapshot
  ipvs director -d -t $VIP:7000 -r $RIP2:7000
  ipvs director -d -t $VIP:7000 -r $RIP1:7000
  ipvs director -a -t $VIP:7000 -r $RIP1:7000 -g -w 1
  wait_for 20 "line client to finish" not_running lineclient
  while read -r l; do step "[client] $l"; done < "$RUNDIR/lineclient.log"
  run client python3 "$GUEST/tools.py" lineclient $VIP 7000 2 0.3 || true
}
