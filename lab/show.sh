#!/bin/bash
# show.sh FIXTURE-DIR [CAPTURE...] [-- DISPLAY-FILTER]
# Prints every frame of a scenario's captures, one line each: frame number, time, source and
# destination MAC, TTL / hop limit, and tshark's summary. Used to write the scenario READMEs.
dir=$1; shift
caps=(); filter=
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then filter=$2; break; fi
  caps+=("$1"); shift
done
[ ${#caps[@]} -gt 0 ] || caps=(client router director director2 rs1 rs2)
for c in "${caps[@]}"; do
  f=$dir/${c%.pcap}.pcap
  [ -e "$f" ] || continue
  echo "=== ${c%.pcap}.pcap"
  tshark -r "$f" -t ad ${filter:+-Y "$filter"} -T fields -E separator=' ' \
    -e frame.number -e frame.time -e eth.src -e eth.dst -e ip.ttl -e ipv6.hlim -e _ws.col.Protocol -e _ws.col.Info 2>/dev/null |
    sed -E 's/ [A-Z][a-z]{2} [0-9 ]+, [0-9]{4} / /; s/([0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6})[0-9]*/\1/; s/02:00:00:00:00:0a/client/g; s/02:00:00:00:01:01/rtrWAN/g; s/02:00:00:00:02:01/router/g; s/02:00:00:00:02:02/director/g; s/02:00:00:00:02:03/director2/g; s/02:00:00:00:02:11/rs1/g; s/02:00:00:00:02:12/rs2/g; s/ff:ff:ff:ff:ff:ff/bcast/g'
done
