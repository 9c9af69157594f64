# arp-flux-any: arp-flux with every host captured with `tcpdump -i any` (no destination MACs).
# rs1 keeps the kernel defaults arp_ignore=0 and arp_announce=0 (the VIP is on its lo), answers
# the router's `who-has VIP` and announces the VIP as sender of its own ARP requests.

. "$GUEST/scenarios/arp-flux.sh"
CAPTURE_IFACE_ALL=any

# Fewer requests than arp-flux: the cooked captures hold both of the router's interfaces.
traffic() {
  requests_around_arp_flush 2
  run router ip neigh show dev lan0
}
