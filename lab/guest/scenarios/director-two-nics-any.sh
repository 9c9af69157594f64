# director-two-nics-any: director-two-nics with the director captured by `tcpdump -i any`
# (LINUX_SLL2) instead of one capture per interface: one file holds both NICs' frames, each with
# its interface index and, instead of the destination MAC, a direction (in to the host or out).

. "$GUEST/scenarios/director-two-nics.sh"
EXTRA_CAPTURES=
CAPTURE_IFACE_director=any
