#!/bin/bash
# run-scenario.sh NAME OUTDIR
# Records one scenario: namespaces up, captures on every host, the scenario's configuration
# and bounded traffic, captures stopped, configuration written next to them, namespaces removed.
# Runs inside the lab VM, or directly on a host whose kernel has IPVS.
set -u
GUEST=$(cd "$(dirname "$0")" && pwd)
NAME=$1; OUT=$2
SCEN=$GUEST/scenarios/$NAME.sh
[ -f "$SCEN" ] || { echo "unknown scenario: $NAME" >&2; exit 2; }
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
RUNDIR=$(mktemp -d /tmp/lvs-lab.XXXXXX)
rm -f "$OUT"/*.pcap "$OUT"/ipvsadm-*.txt "$OUT"/timeline.txt "$OUT"/hosts.txt

. "$GUEST/lib.sh"
. "$GUEST/topology.sh"
. "$GUEST/capture.sh"
. "$GUEST/collect.sh"

# scenario defaults; the scenario file overrides them and defines configure() and traffic()
LAN_HOSTS="director rs1 rs2"
IPV6=0
SNAPLEN=0
TAIL_SECONDS=3
. "$SCEN"
ALL_HOSTS="client router $LAN_HOSTS"

cleanup() {
  local f
  for f in "$RUNDIR"/*.pid; do
    case $f in */ka-*.pid) continue ;; esac
    [ -e "$f" ] && stop "$(basename "$f" .pid)" TERM
  done
  # keepalived's VRRP and checker children, should they outlive their parent
  for f in "$RUNDIR"/ka-*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  topo_down
  rm -rf "$RUNDIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

topo_down
KMSG_START=$(dmesg 2>/dev/null | wc -l)
step "scenario $NAME on $(uname -r), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
topo_up
step "namespaces up: $ALL_HOSTS (links up, no addresses)"
capture_start
configure
wait_servers
step "configuration done"
traffic
step "traffic done"
pause "$TAIL_SECONDS"
capture_stop
collect
for f in "$RUNDIR"/keepalived-*.log; do
  [ -e "$f" ] && cp "$f" "$OUT/$(basename "$f")"
done
dmesg --time-format iso 2>/dev/null | tail -n +$((KMSG_START + 1)) | grep -v 'br[0-9]: port\|promiscuous mode\|crng init' | sed 's/^/kernel: /' >> "$OUT/timeline.txt"
step "done"
