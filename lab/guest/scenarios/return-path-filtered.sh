# return-path-filtered: the site is correct, but the switch drops frames from the real servers'
# MACs whose IPv4 source is the VIP, as the anti-spoofing of a cloud or SDN port does (OpenStack
# port security, AWS source/destination check) when the VIP is not an allowed address of the real
# servers' ports. Emulated with an nftables bridge rule in the LAN bridge. The director forwards,
# the real servers answer, and their replies never reach the router.

configure() {
  reference_site
  run lan nft add table bridge antispoof
  run lan nft add chain bridge antispoof forward '{ type filter hook forward priority 0; policy accept; }'
  run lan nft add rule bridge antispoof forward ether saddr "{ $MAC_rs1, $MAC_rs2 }" ip saddr $VIP drop
}

traffic() {
  http_get 2 http://$VIP/
}
