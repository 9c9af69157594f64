#!/bin/bash
# vm-main.sh REQUEST OUTDIR   (started by the VM's init)
# Records every scenario named in REQUEST (one per line) into OUTDIR/<scenario>/.
GUEST=$(cd "$(dirname "$0")" && pwd)
REQ=$1; OUT=$2
mkdir -p "$OUT"
for m in ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh veth bridge macvlan nf_tables nft_chain_nat; do
  modprobe "$m" || echo "modprobe $m failed"
done
while read -r name; do
  [ -n "$name" ] || continue
  echo "LAB: recording $name"
  start=$(date +%s)
  timeout --kill-after=10 "${LAB_SCENARIO_TIMEOUT:-300}" "$GUEST/run-scenario.sh" "$name" "$OUT/$name"
  echo "LAB: $name finished with $? in $(( $(date +%s) - start ))s"
done < "$REQ"
dmesg > "$OUT/dmesg.txt"
