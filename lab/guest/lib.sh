# Common helpers for the lab's guest scripts (sourced by run-scenario.sh).
# Every host is a network namespace named $NS_PREFIX<host>; all traffic stays inside them.

NS_PREFIX=${LAB_NS_PREFIX:-lvs-}
GUEST=${GUEST:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}

# addresses (documentation ranges only)
CIP=198.51.100.10;  CGW=198.51.100.1
RTR=192.0.2.1;      DIP=192.0.2.2;  DIP2=192.0.2.3
VIP=192.0.2.100;    RIP1=192.0.2.11; RIP2=192.0.2.12
CIP6=2001:db8:1::10; RTR6_WAN=2001:db8:1::1; RTR6=2001:db8:2::1
DIP6=2001:db8:2::2;  DIP26=2001:db8:2::3; VIP6=2001:db8:2::100
RIP16=2001:db8:2::11; RIP26=2001:db8:2::12
# keepalived's sorry server (keepalived-sorry-server only)
SORRY=192.0.2.13;   SORRY6=2001:db8:2::13

# fixed MACs
MAC_client=02:00:00:00:00:0a
MAC_router_wan=02:00:00:00:01:01
MAC_router=02:00:00:00:02:01
MAC_director=02:00:00:00:02:02
MAC_director2=02:00:00:00:02:03
MAC_rs1=02:00:00:00:02:11
MAC_rs2=02:00:00:00:02:12
MAC_sorry=02:00:00:00:02:13
# ports on the back LAN (BACK_LAN scenarios)
MAC_router_back=02:00:00:00:03:01
MAC_director_back=02:00:00:00:03:02

declare -A IP4=([client]=$CIP [router]=$RTR [director]=$DIP [director2]=$DIP2 [rs1]=$RIP1 [rs2]=$RIP2 [sorry]=$SORRY)
declare -A IP6=([client]=$CIP6 [router]=$RTR6 [director]=$DIP6 [director2]=$DIP26 [rs1]=$RIP16 [rs2]=$RIP26 [sorry]=$SORRY6)

# on HOST CMD...   run CMD inside HOST's namespace
on() { local h=$1; shift; ip netns exec "$NS_PREFIX$h" "$@"; }

# step TEXT...     one line in the scenario's timeline (UTC, same clock as the captures)
step() { printf '%s  %s\n' "$(date -u +%H:%M:%S.%N | cut -c1-15)" "$*" >> "$OUT/timeline.txt"; }

# run HOST CMD...  run CMD in HOST, record the command in the timeline, fail loudly
# (its output, if any, follows in the timeline indented by four spaces)
run() {
  local h=$1 rc; shift
  step "[$h] $*"
  on "$h" "$@" > "$RUNDIR/run.out" 2>&1; rc=$?
  sed 's/^/    /' "$RUNDIR/run.out" >> "$OUT/timeline.txt"
  [ $rc = 0 ] || { step "[$h] FAILED ($rc): $*"; return 1; }
}

# bg NAME HOST CMD...  start a long-running process in HOST, remember its PID for teardown
bg() {
  local name=$1 h=$2; shift 2
  step "[$h] $* &"
  ip netns exec "$NS_PREFIX$h" "$@" > "$RUNDIR/$name.log" 2>&1 &
  echo $! > "$RUNDIR/$name.pid"
}
# stop NAME [SIGNAL]  stop a process started with bg (by its PID) and wait for it
stop() {
  local name=$1 sig=${2:-TERM} pid
  pid=$(cat "$RUNDIR/$name.pid" 2>/dev/null) || return 0
  step "stop $name (pid $pid, SIG$sig)"
  kill -s "$sig" "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -f "$RUNDIR/$name.pid"
}

# wait_for SECONDS DESCRIPTION CMD...   poll CMD until it succeeds (bounded)
wait_for() {
  local secs=$1 what=$2 i; shift 2
  for ((i = 0; i < secs * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  step "TIMEOUT after ${secs}s waiting for: $what"; return 1
}

not_running() { ! running "$1"; }
# running NAME   is the process started with bg still alive (not exited, not a zombie)?
running() {
  local pid; pid=$(cat "$RUNDIR/$1.pid" 2>/dev/null) || return 1
  [ -r "/proc/$pid/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$pid/stat"
}

pause() { step "sleep $1"; sleep "$1"; }

sysctl_set() { local h=$1; shift; local kv; for kv in "$@"; do on "$h" sysctl -qw "$kv" >/dev/null || step "[$h] sysctl $kv failed"; done; }

# --- role helpers -----------------------------------------------------------------

# client and router addressing (the client's default route points at the router)
net_base() {
  run client ip addr add $CIP/24 dev eth0
  run client ip route add default via $CGW
  run router ip addr add $CGW/24 dev wan0
  run router ip addr add $RTR/24 dev lan0
  sysctl_set router net.ipv4.ip_forward=1
  step "[router] sysctl net.ipv4.ip_forward=1"
  if [ "$IPV6" = 1 ]; then
    run client ip -6 addr add $CIP6/64 dev eth0
    run client ip -6 route add default via $RTR6_WAN
    run router ip -6 addr add $RTR6_WAN/64 dev wan0
    run router ip -6 addr add $RTR6/64 dev lan0
    sysctl_set router net.ipv6.conf.all.forwarding=1
    step "[router] sysctl net.ipv6.conf.all.forwarding=1"
  fi
}

# director_up HOST DIP   the director's own address on the LAN, default route via the router
director_up() {
  local h=$1 ip=$2
  run "$h" ip addr add "$ip/24" dev eth0
  run "$h" ip route add default via $RTR
  if [ "$IPV6" = 1 ]; then
    run "$h" ip -6 addr add "${IP6[$h]}/64" dev eth0
    run "$h" ip -6 route add default via $RTR6
  fi
}
# vip_on_director HOST   the VIP as a /32 secondary address on the LAN interface
vip_on_director() {
  run "$1" ip addr add $VIP/32 dev eth0
  [ "$IPV6" = 1 ] && run "$1" ip -6 addr add $VIP6/128 dev eth0
  return 0
}

# rs_up HOST   RIP on eth0, default route via the router
rs_up() {
  local h=$1
  run "$h" ip addr add "${IP4[$h]}/24" dev eth0
  run "$h" ip route add default via $RTR
  if [ "$IPV6" = 1 ]; then
    run "$h" ip -6 addr add "${IP6[$h]}/64" dev eth0
    run "$h" ip -6 route add default via $RTR6
  fi
}
# rs_arp HOST IGNORE ANNOUNCE   the usual LVS-DR real-server ARP sysctls (on all and lo)
rs_arp() {
  local h=$1 ig=$2 an=$3
  sysctl_set "$h" net.ipv4.conf.all.arp_ignore="$ig" net.ipv4.conf.all.arp_announce="$an" \
                  net.ipv4.conf.lo.arp_ignore="$ig" net.ipv4.conf.lo.arp_announce="$an"
  step "[$h] sysctl net.ipv4.conf.{all,lo}.arp_ignore=$ig net.ipv4.conf.{all,lo}.arp_announce=$an"
}
# rs_vip_lo HOST   VIP/32 (and VIP6/128) on the real server's loopback
rs_vip_lo() {
  run "$1" ip addr add $VIP/32 dev lo
  [ "$IPV6" = 1 ] && run "$1" ip -6 addr add $VIP6/128 dev lo
  return 0
}
# rs_dr HOST   a correctly configured DR real server
rs_dr() { rs_up "$1"; rs_arp "$1" 1 2; rs_vip_lo "$1"; }

# tun_rs HOST [DEV]   a tunnelling (LVS-TUN) real server, its address already up: the DR ARP
# sysctls, rp_filter off (a decapsulated packet arrives on the tunnel device from a client routed
# via eth0), DEV (default tunl0: `modprobe ipip`; gre0: `modprobe ip_gre`) up with the VIP on it,
# HTTP on 0.0.0.0:80
tun_rs() {
  local h=$1 dev=${2:-tunl0}
  rs_arp "$h" 1 2
  sysctl_set "$h" net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.$dev.rp_filter=0
  run "$h" ip link set "$dev" up
  run "$h" ip addr add $VIP/32 dev "$dev"
  server http "$h" 0.0.0.0 80
}

# tun_site   a tunnelling director on the LAN (ipip loaded, DIP, VIP on eth0) and rs1 as a
# tunnelling real server; rs2 and the service are the scenario's
tun_site() {
  modprobe ipip
  net_base
  director_up director $DIP
  vip_on_director director
  rs_up rs1; tun_rs rs1
}

# server KIND HOST ADDR PORT   start one of tools.py's servers (wait_servers waits for them)
server() {
  local kind=$1 h=$2 addr=$3 port=$4 proto=t
  [ "$kind" = udp ] && proto=u
  bg "$kind-$h-$port" "$h" python3 "$GUEST/tools.py" "$kind" "$addr" "$port" "$h"
  echo "$h $proto $port" >> "$RUNDIR/listeners"
}
# real_servers KIND ADDR PORT   rs1 and rs2 as correctly configured DR real servers, each running
# a tools.py server of KIND on ADDR:PORT
real_servers() {
  local rs
  for rs in rs1 rs2; do rs_dr $rs; server "$1" $rs "$2" "$3"; done
}
# dr_site KIND ADDR PORT   the director (DIP, VIP on eth0) and both real servers (see real_servers)
dr_site() {
  director_up director $DIP
  vip_on_director director
  real_servers "$@"
}
# reference_site   the healthy-wrr site: addresses and routing, the director, HTTP on both real
# servers and the reference wrr service on VIP:80; fault scenarios add their one difference
reference_site() {
  net_base
  dr_site http 0.0.0.0 80
  http_wrr_service
}
# wait_servers   wait until every server started with `server` listens (bounded)
wait_servers() {
  local h proto port
  [ -e "$RUNDIR/listeners" ] || return 0
  while read -r h proto port; do
    wait_for 40 "server on $h:$port/$proto" sh -c "ip netns exec $NS_PREFIX$h ss -H -ln$proto 'sport = :$port' | grep -q ."
  done < "$RUNDIR/listeners"
  rm -f "$RUNDIR/listeners"
  step "servers listening"
}

ipvs() { local h=$1; shift; run "$h" ipvsadm "$@"; }
# dr_service -t|-u PORT SCHED W1 W2 [SERVICE-OPTION...]   a virtual service on the director's
# VIP:PORT with rs1 (weight W1) then rs2 (weight W2) on the same port, both direct routing (rs2,
# added last, is first in the kernel's list)
dr_service() {
  local proto=$1 port=$2 sched=$3 w1=$4 w2=$5; shift 5
  ipvs director -A "$proto" $VIP:"$port" -s "$sched" "$@"
  ipvs director -a "$proto" $VIP:"$port" -r $RIP1:"$port" -g -w "$w1"
  ipvs director -a "$proto" $VIP:"$port" -r $RIP2:"$port" -g -w "$w2"
}
# http_wrr_service   the reference virtual service: VIP:80, wrr, rs1 weight 1 and rs2 weight 2
http_wrr_service() { dr_service -t 80 wrr 1 2; }
# http_wrr_service6   the same service on the IPv6 VIP: [VIP6]:80, wrr, rs1 weight 1, rs2 weight 2
http_wrr_service6() {
  ipvs director -A -t "[$VIP6]:80" -s wrr
  ipvs director -a -t "[$VIP6]:80" -r "[$RIP16]:80" -g -w 1
  ipvs director -a -t "[$VIP6]:80" -r "[$RIP26]:80" -g -w 2
}

# traceroute_probes ADDR   traceroute's UDP probes, then its TCP probes to ADDR:80, hop limits 1 to 3
# (tools.py traceroute), each probe's outcome in the timeline
traceroute_probes() {
  local proto
  for proto in udp tcp; do
    step "[client] python3 tools.py traceroute $proto $1 3"
    on client python3 "$GUEST/tools.py" traceroute $proto "$1" 3 > "$RUNDIR/traceroute.out" 2>&1
    while read -r l; do step "[client] $l"; done < "$RUNDIR/traceroute.out"
  done
}

# dns_site PROTO   the reference addresses with a DNS-style service balanced for one protocol only
# (-t or -u VIP:53, rr): both real servers run a UDP server on VIP:53 and a TCP line-echo server
# on 0.0.0.0:53
dns_site() {
  net_base
  director_up director $DIP
  vip_on_director director
  local rs
  for rs in rs1 rs2; do rs_dr $rs; server udp $rs $VIP 53; server lineecho $rs 0.0.0.0 53; done
  dr_service "$1" 53 rr 1 1
}

# udp_queries N   N UDP requests to VIP:53 from the client, each from a new socket
udp_queries() {
  step "[client] python3 tools.py udpclient $VIP 53 $1"
  on client python3 "$GUEST/tools.py" udpclient $VIP 53 "$1" > "$RUNDIR/udpclient.out" 2>&1
  while read -r l; do step "[client] $l"; done < "$RUNDIR/udpclient.out"
}

# http_get N URL [CURL-ARGS...]   N requests, each a new connection (one curl each)
http_get() {
  local n=$1 url=$2 i body rc; shift 2
  for ((i = 1; i <= n; i++)); do
    body=$(on client curl -sS -g --connect-timeout 3 --max-time 5 "$@" "$url" 2>"$RUNDIR/curl.err"); rc=$?
    if [ $rc = 0 ]; then step "[client] request $i: curl $* $url -> $(echo "$body" | head -c 60 | tr '\n' ' ')"
    else step "[client] request $i: curl $* $url -> exit $rc: $(head -c 120 "$RUNDIR/curl.err" | tr '\n' ' ')"; fi
    sleep 0.2
  done
}

# requests_around_arp_flush N   N HTTP GETs, the router's neighbour cache shown and flushed (so it
# has to ARP for the VIP again), N more
requests_around_arp_flush() {
  http_get "$1" http://$VIP/
  run router ip neigh show dev lan0
  run router ip neigh flush dev lan0
  http_get "$1" http://$VIP/
}

# wait until no IPv6 address is tentative in any namespace (DAD done)
wait_dad() {
  local h
  for h in $ALL_HOSTS; do
    wait_for 10 "DAD on $h" sh -c "[ -z \"\$(ip netns exec $NS_PREFIX$h ip -6 addr show tentative)\" ]"
  done
}

# keepalived_pair_site [CMD...]   the keepalived failover site: both directors on the LAN, rs1
# and rs2 correct DR real servers with HTTP on :80 and the line-echo service on :7000, then
# keepalived on director (MASTER, 150) and director2 (BACKUP, 100) with virtual servers VIP:80
# and VIP:7000; returns once director holds the VIP and director2 has its IPVS table. CMD (a
# scenario's function) runs after the servers start and before keepalived does.
keepalived_pair_site() {
  local rs
  net_base
  director_up director $DIP
  director_up director2 $DIP2
  for rs in rs1 rs2; do
    rs_dr $rs; server http $rs 0.0.0.0 80; server lineecho $rs 0.0.0.0 7000
  done
  [ $# = 0 ] || "$@"
  wait_servers
  keepalived_start director "$(keepalived_conf director MASTER 150 '80 7000')"
  wait_for 30 "VIP on director" has_vip director
  keepalived_start director2 "$(keepalived_conf director2 BACKUP 100 '80 7000')"
  wait_for 30 "IPVS table on director2" sh -c "ip netns exec ${NS_PREFIX}director2 ipvsadm -Ln | grep -q 7000"
}

# line_client_start   before a failover: two HTTP GETs, the IPVS snapshot, then the line client in
# the background (16 lines to VIP:7000, one every 0.5 s, on one connection)
line_client_start() {
  http_get 2 http://$VIP/
  ipvs_snapshot
  bg lineclient client python3 "$GUEST/tools.py" lineclient $VIP 7000 16 0.5
}
# master_stops   the master's keepalived stopped (SIGTERM, as systemctl stop does); returns once
# director2 holds the VIP
master_stops() {
  stop keepalived-director TERM
  wait_for 20 "VIP on director2" has_vip director2
  step "director2 holds the VIP"
}
# line_client_done   waits for the line client and writes its lines into the timeline
line_client_done() {
  wait_for 20 "line client to finish" not_running lineclient
  while read -r l; do step "[client] $l"; done < "$RUNDIR/lineclient.log"
}

# keepalived_conf HOST STATE PRIORITY [VIRTUAL-SERVER-PORTS]   writes $OUT/keepalived[.HOST].conf
# (with KA_SYNC_DAEMON=IF set: lvs_sync_daemon IF VI_1 in global_defs; KA_DELAY_LOOP=S: health
# checks every S seconds instead of 10; KA_USE_VMAC=1: use_vmac, the VIP on the VRRP virtual MAC's
# interface vrrp.51; KA_UNICAST=1: unicast_src_ip and unicast_peer, adverts sent to the other
# director's address instead of 224.0.0.18)
# A VRRP instance holding the VIP on eth0 and one DR virtual_server per port (rr, TCP_CHECK).
keepalived_conf() {
  local h=$1 state=$2 prio=$3 ports=${4:-80} f p rs
  f=$OUT/keepalived.conf; [ "$h" = director ] || f=$OUT/keepalived.$h.conf
  {
    echo "! keepalived configuration of $h"
    echo "global_defs {"
    echo "    router_id LVS_$h"
    # KA_SYNC_DAEMON=IF: IPVS connection sync on IF, master or backup as VI_1 is.
    [ -z "${KA_SYNC_DAEMON:-}" ] || echo "    lvs_sync_daemon $KA_SYNC_DAEMON VI_1"
    echo "}"
    echo
    echo "vrrp_instance VI_1 {"
    echo "    state $state"
    echo "    interface eth0"
    echo "    virtual_router_id 51"
    echo "    priority $prio"
    echo "    advert_int 1"
    [ -z "${KA_USE_VMAC:-}" ] || echo "    use_vmac"
    if [ -n "${KA_UNICAST:-}" ]; then
      echo "    unicast_src_ip ${IP4[$h]}"
      echo "    unicast_peer {"
      if [ "$h" = director ]; then echo "        $DIP2"; else echo "        $DIP"; fi
      echo "    }"
    fi
    echo "    authentication {"
    echo "        auth_type PASS"
    echo "        auth_pass lvsdr"
    echo "    }"
    echo "    virtual_ipaddress {"
    echo "        $VIP/32 dev eth0"
    echo "    }"
    echo "}"
    for p in $ports; do
      echo
      echo "virtual_server $VIP $p {"
      echo "    delay_loop ${KA_DELAY_LOOP:-10}"
      echo "    lb_algo rr"
      echo "    lb_kind DR"
      echo "    protocol TCP"
      # KA_SORRY=IP: keepalived's sorry server, in the table only while no real server is
      [ -z "${KA_SORRY:-}" ] || echo "    sorry_server $KA_SORRY $p"
      for rs in $RIP1 $RIP2; do
        echo
        echo "    real_server $rs $p {"
        echo "        weight 1"
        echo "        TCP_CHECK {"
        echo "            connect_port $p"
        echo "            connect_timeout 3"
        echo "        }"
        echo "    }"
      done
      echo "}"
    done
  } > "$f"
  echo "$f"
}

# keepalived_director   once the servers listen, keepalived on the director alone (MASTER, VIP:80);
# returns when it holds the VIP and both real servers are in its table
keepalived_director() {
  wait_servers
  keepalived_start director "$(keepalived_conf director MASTER 150 80)"
  wait_for 30 "VIP on director" has_vip director
  wait_for 30 "both real servers in the IPVS table" sh -c "ip netns exec ${NS_PREFIX}director ipvsadm -Ln | grep -q $RIP2"
  step "director holds the VIP; keepalived checks both real servers"
}
# keepalived_start HOST CONF   keepalived in the foreground of its own process (logs to the console)
keepalived_start() {
  local h=$1 conf=$2
  bg "keepalived-$h" "$h" keepalived -n -l -D -f "$conf" \
     -p "$RUNDIR/ka-$h.pid" -r "$RUNDIR/ka-vrrp-$h.pid" -c "$RUNDIR/ka-check-$h.pid"
}

# has_vip HOST   the VIP is on eth0 (or, with KA_USE_VMAC, on any interface: keepalived's vrrp.51)
has_vip() {
  if [ -n "${KA_USE_VMAC:-}" ]; then on "$1" ip -4 addr show | grep -q " $VIP/"
  else on "$1" ip -4 addr show dev eth0 | grep -q " $VIP/"; fi
}
