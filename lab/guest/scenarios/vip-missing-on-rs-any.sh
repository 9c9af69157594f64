# vip-missing-on-rs-any: vip-missing-on-rs with every host captured with `tcpdump -i any`
# (Linux cooked frames: the sender's MAC and a direction, no destination MAC).
# rs2 has the ARP sysctls but not the VIP on lo (ip_forward=0): connections the director
# schedules to rs2 reach rs2 and are dropped there.

. "$GUEST/scenarios/vip-missing-on-rs.sh"
CAPTURE_IFACE_ALL=any
