# Captures on every host at once (sourced by run-scenario.sh).
#   tcpdump -i IF -n -U --immediate-mode -s SNAPLEN -w HOST.pcap
# Per scenario: SNAPLEN (default 0 = whole frames), CAPTURE_IFACE_<host> (e.g. "any"),
# CAPTURE_IFACE_ALL (every host's interface, e.g. "any"; CAPTURE_IFACE_<host> still wins),
# EXTRA_CAPTURES="HOST:IF ..." (one more capture each, written to HOST-IF.pcap),
# CAPTURE_ROTATE_<host>=SECONDS (tcpdump -G SECONDS: a new file HOST-YYYYmmdd-HHMMSS.pcap each time).

capture_start() {
  local h ifc var x
  for h in $ALL_HOSTS; do
    var=CAPTURE_IFACE_$h; ifc=${!var:-${CAPTURE_IFACE_ALL:-$(cap_iface "$h")}}
    var=CAPTURE_ROTATE_$h
    if [ -n "${!var:-}" ]; then
      bg "tcpdump-$h" "$h" tcpdump -i "$ifc" -n -U --immediate-mode -s "${SNAPLEN:-0}" -Z root -G "${!var}" -w "$OUT/$h-%Y%m%d-%H%M%S.pcap"
    else
      bg "tcpdump-$h" "$h" tcpdump -i "$ifc" -n -U --immediate-mode -s "${SNAPLEN:-0}" -Z root -w "$OUT/$h.pcap"
    fi
  done
  for x in ${EXTRA_CAPTURES:-}; do
    h=${x%%:*}; ifc=${x#*:}
    bg "tcpdump-$h-$ifc" "$h" tcpdump -i "$ifc" -n -U --immediate-mode -s "${SNAPLEN:-0}" -Z root -w "$OUT/$h-$ifc.pcap"
  done
  for h in $ALL_HOSTS $(_extra_capture_names); do
    wait_for 30 "tcpdump on $h" grep -q "listening on" "$RUNDIR/tcpdump-$h.log"
  done
  step "captures running"
}

_extra_capture_names() { local x; for x in ${EXTRA_CAPTURES:-}; do echo "${x%%:*}-${x#*:}"; done; }

capture_stop() {
  local h
  for h in $ALL_HOSTS $(_extra_capture_names); do stop "tcpdump-$h" INT; done
  for h in $ALL_HOSTS $(_extra_capture_names); do
    step "tcpdump $h: $(grep -E 'captured|dropped' "$RUNDIR/tcpdump-$h.log" | tr '\n' ' ')"
  done
}
