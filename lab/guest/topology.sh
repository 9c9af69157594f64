# Builds and removes the lab's namespaces (sourced by run-scenario.sh).
#
#   client eth0 ── wan0 router lan0 ── br0 (namespace "lan": Linux bridge, STP off,
#                                         multicast snooping off)
#                                        ├── eth0 director   (DIP 192.0.2.2, VIP 192.0.2.100/32)
#                                        ├── eth0 director2  (192.0.2.3, failover scenarios only)
#                                        ├── eth0 rs1        (RIP 192.0.2.11, VIP/32 on lo)
#                                        └── eth0 rs2        (RIP 192.0.2.12, VIP/32 on lo)
#
# Links are brought up without addresses; run-scenario.sh starts the captures, then the
# scenario configures addresses. Offloads are off on every veth so checksums are real and
# frames never exceed the MTU, except on the hosts a scenario lists in OFFLOAD_HOSTS: they keep
# the kernel's defaults, as real NICs do (their own captures then hold the TCP/UDP checksums
# the device fills in later). IPv6 is disabled everywhere unless IPV6=1.
#
# CLIENT_ON_LAN=1 puts the client on the bridge next to the director instead of behind the
# router (the router keeps only its LAN side).
#
# BACK_LAN="HOST..." adds a second LAN, br1: the listed hosts' eth0 join br1 instead of br0, and
# the director (eth1) and the router (lan1) get a port on it too, as on a director with a front
# and a back network.

# the interface each host is captured on
cap_iface() { case $1 in router) echo lan0 ;; *) echo eth0 ;; esac; }

_ns_init() {
  local ns=$NS_PREFIX$1 v6=$2
  ip netns add "$ns"
  # start from the kernel defaults whatever the namespace inherited
  ip netns exec "$ns" sh -c '
    for c in all default; do
      sysctl -qw net.ipv4.conf.$c.arp_ignore=0 net.ipv4.conf.$c.arp_announce=0 \
                 net.ipv4.conf.$c.rp_filter=0 net.ipv4.conf.$c.arp_filter=0 \
                 net.ipv4.conf.$c.log_martians=1
      sysctl -qw net.ipv6.conf.$c.disable_ipv6='"$((1 - v6))"'
    done
    sysctl -qw net.ipv4.ip_forward=0' >/dev/null
  ip -n "$ns" link set lo up
}

_offload_off() {
  case " ${OFFLOAD_HOSTS:-} " in *" $1 "*) return 0 ;; esac
  ip netns exec "$NS_PREFIX$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
}

topo_up() {
  local h
  _ns_init lan 0
  ip -n "${NS_PREFIX}lan" link add br0 type bridge stp_state 0 mcast_snooping 0
  for h in client router $LAN_HOSTS; do _ns_init "$h" "$IPV6"; done
  local bridged=$LAN_HOSTS
  if [ "${CLIENT_ON_LAN:-0}" = 1 ]; then
    bridged="client $LAN_HOSTS"
  else
    # client <-> router WAN side: one routed hop
    ip -n "${NS_PREFIX}client" link add eth0 address $MAC_client type veth \
       peer name wan0 netns "${NS_PREFIX}router" address $MAC_router_wan
    _offload_off client eth0; _offload_off router wan0
  fi
  # router LAN side and every LAN host on the bridge
  ip -n "${NS_PREFIX}router" link add lan0 address $MAC_router type veth peer name p-router netns "${NS_PREFIX}lan"
  _offload_off router lan0; _offload_off lan p-router
  for h in $bridged; do
    local mac=MAC_$h
    ip -n "$NS_PREFIX$h" link add eth0 address "${!mac}" type veth peer name "p-$h" netns "${NS_PREFIX}lan"
    _offload_off "$h" eth0; _offload_off lan "p-$h"
  done
  ip -n "${NS_PREFIX}lan" link set br0 up
  local bridge
  for p in router $bridged; do
    bridge=br0
    case " ${BACK_LAN:-} " in *" $p "*) bridge=br1 ;; esac
    [ $bridge = br0 ] || _back_lan_up
    ip -n "${NS_PREFIX}lan" link set "p-$p" master $bridge up
  done
  ip -n "${NS_PREFIX}client" link set eth0 up
  [ "${CLIENT_ON_LAN:-0}" = 1 ] || ip -n "${NS_PREFIX}router" link set wan0 up
  ip -n "${NS_PREFIX}router" link set lan0 up
  for h in $LAN_HOSTS; do ip -n "$NS_PREFIX$h" link set eth0 up; done
}

# The back LAN (BACK_LAN): br1, with director eth1 and router lan1 on it; made once.
_back_lan_up() {
  ip -n "${NS_PREFIX}lan" link show br1 >/dev/null 2>&1 && return 0
  ip -n "${NS_PREFIX}lan" link add br1 type bridge stp_state 0 mcast_snooping 0
  ip -n "${NS_PREFIX}lan" link set br1 up
  ip -n "${NS_PREFIX}router" link add lan1 address $MAC_router_back type veth peer name p-router1 netns "${NS_PREFIX}lan"
  ip -n "${NS_PREFIX}director" link add eth1 address $MAC_director_back type veth peer name p-director1 netns "${NS_PREFIX}lan"
  _offload_off router lan1; _offload_off director eth1
  _offload_off lan p-router1; _offload_off lan p-director1
  ip -n "${NS_PREFIX}lan" link set p-router1 master br1 up
  ip -n "${NS_PREFIX}lan" link set p-director1 master br1 up
  ip -n "${NS_PREFIX}router" link set lan1 up
  ip -n "${NS_PREFIX}director" link set eth1 up
}

topo_down() {
  local h
  for h in client router $LAN_HOSTS lan; do ip netns del "$NS_PREFIX$h" 2>/dev/null; done
  return 0
}
