#!/bin/bash
# record.sh SCENARIO...  |  record.sh --all  |  record.sh --list
# Records lab scenarios into fixtures/<scenario>/ with the real Linux kernel's IPVS.
#  - If the running kernel has IPVS (`modprobe ip_vs` works), the guest scripts run directly in
#    network namespaces on this machine (LAB_MODE=host).
#  - Otherwise one qemu VM (TCG, Debian's kernel) is booted and records all requested scenarios
#    (LAB_MODE=vm). The VM image is built and cached by build-rootfs.sh under lab/.work/.
# Recorded files replace the previous recording; README.md and expected.json are never touched.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$LAB")
FIXTURES=${LAB_FIXTURES:-$ROOT/fixtures}
WORK=${LAB_WORK:-$LAB/.work}

all_scenarios() { ls "$LAB/guest/scenarios" | sed -n 's/\.sh$//p'; }

case "${1:-}" in
  ""|-h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  --list) all_scenarios; exit 0 ;;
  --all) set -- $(all_scenarios) ;;
esac
for s in "$@"; do
  [ -f "$LAB/guest/scenarios/$s.sh" ] || { echo "unknown scenario: $s (see record.sh --list)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "record.sh needs root (namespaces, qemu, debootstrap)" >&2; exit 1; }

MODE=${LAB_MODE:-}
if [ -z "$MODE" ]; then
  if [ -d /proc/net/ip_vs ] || modprobe ip_vs 2>/dev/null; then MODE=host; else MODE=vm; fi
fi

start=$(date +%s)
RESULTS=$WORK/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
if [ "$MODE" = host ]; then
  echo "[record] this kernel has IPVS: recording in namespaces on the host" >&2
  for s in "$@"; do
    timeout --kill-after=10 300 "$LAB/guest/run-scenario.sh" "$s" "$RESULTS/$s" || echo "[record] $s exited with $?" >&2
  done
else
  "$LAB/build-rootfs.sh"
  "$LAB/run-vm.sh" "$RESULTS" "$@"
fi

for s in "$@"; do
  src=$RESULTS/$s
  if [ ! -s "$src/timeline.txt" ] || [ ! -e "$src/hosts.txt" ]; then
    echo "[record] $s: no complete recording, fixtures/$s left as it was" >&2; continue
  fi
  dst=$FIXTURES/$s
  mkdir -p "$dst"
  find "$dst" -maxdepth 1 -type f ! -name README.md ! -name expected.json -delete
  cp "$src"/* "$dst"/
  echo "[record] $s: $(ls "$dst" | tr '\n' ' ')" >&2
done
echo "[record] $# scenario(s) in $(( $(date +%s) - start )) s ($MODE mode)" >&2
