# mtu-to-rs: the path from the director to the real servers has MTU 1400 (route MTU on the
# director's LAN route, as a VLAN or overlay segment would impose), the client side has 1500.
# The client uploads 8000 bytes (DF set by path MTU discovery); full-size segments exceed 1400
# and the director answers them with ICMP fragmentation needed, sourced from the VIP.

configure() {
  net_base
  director_up director $DIP
  vip_on_director director
  run director ip route replace 192.0.2.0/24 dev eth0 proto kernel scope link src $DIP mtu 1400
  real_servers http 0.0.0.0 80
  http_wrr_service
  head -c 8000 /dev/zero | tr '\0' 'x' > "$RUNDIR/upload.bin"
}

traffic() {
  http_get 3 http://$VIP/ -H Expect: --data-binary @"$RUNDIR/upload.bin"
  run client ip route get $VIP
}
