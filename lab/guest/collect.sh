# Writes what was configured next to the captures (sourced by run-scenario.sh).

# ipvs_snapshot [SUFFIX]   ipvsadm -S -n / -Ln of every director that has a table
ipvs_snapshot() {
  local h sfx
  for h in director director2; do
    case " $LAN_HOSTS " in *" $h "*) ;; *) continue ;; esac
    on "$h" ipvsadm -Ln 2>/dev/null | grep -q -- '->\|TCP\|UDP' || continue
    sfx=; [ "$h" = director2 ] && sfx=.director2
    on "$h" ipvsadm -S -n > "$OUT/ipvsadm-S$sfx.txt"
    on "$h" ipvsadm -Ln > "$OUT/ipvsadm-Ln$sfx.txt"
    step "[$h] ipvsadm -S -n > ipvsadm-S$sfx.txt; ipvsadm -Ln > ipvsadm-Ln$sfx.txt"
  done
  IPVS_SNAPSHOT_DONE=1
}

_sysctls() {
  local dev k
  echo "net.ipv4.ip_forward = $(cat /proc/sys/net/ipv4/ip_forward)"
  for dev in all default $(ls /sys/class/net); do
    for k in arp_ignore arp_announce rp_filter; do
      echo "net.ipv4.conf.$dev.$k = $(cat /proc/sys/net/ipv4/conf/$dev/$k)"
    done
  done
  for dev in all $(ls /sys/class/net); do
    [ -e /proc/sys/net/ipv6/conf/$dev ] || continue
    echo "net.ipv6.conf.$dev.disable_ipv6 = $(cat /proc/sys/net/ipv6/conf/$dev/disable_ipv6)"
    echo "net.ipv6.conf.$dev.forwarding = $(cat /proc/sys/net/ipv6/conf/$dev/forwarding)"
  done
}

hosts_report() {
  local h
  for h in $ALL_HOSTS; do
    echo "==================== $h ===================="
    echo "\$ uname -r"; on "$h" uname -r
    echo; echo "\$ ip -d addr"; on "$h" ip -d addr
    echo; echo "\$ ip route"; on "$h" ip route
    if [ "$IPV6" = 1 ]; then echo; echo "\$ ip -6 route"; on "$h" ip -6 route; fi
    echo; echo "\$ ip neigh"; on "$h" ip neigh
    echo; echo "\$ sysctl (arp_ignore, arp_announce, rp_filter, ip_forward)"
    on "$h" bash -c "$(declare -f _sysctls); _sysctls"
    # Packets the kernel dropped by reverse-path filtering (rp_filter), per network namespace.
    echo; echo "\$ nstat -az TcpExtIPReversePathFilter"; on "$h" nstat -az --json TcpExtIPReversePathFilter 2>&1 | tr -d '\n'; echo
    case $h in director|director2)
      if on "$h" ipvsadm -Ln >/dev/null 2>&1; then
        echo; echo "\$ ipvsadm -Ln --stats"; on "$h" ipvsadm -Ln --stats
        echo; echo "\$ ipvsadm -Lnc"; on "$h" ipvsadm -Lnc
      fi ;;
    esac
    if [ -n "$(on "$h" nft list ruleset 2>/dev/null)" ]; then
      echo; echo "\$ nft list ruleset"; on "$h" nft list ruleset
    fi
    echo
  done
}

collect() {
  [ "${IPVS_SNAPSHOT_DONE:-0}" = 1 ] || ipvs_snapshot
  hosts_report > "$OUT/hosts.txt" 2>&1
  step "wrote hosts.txt"
}
