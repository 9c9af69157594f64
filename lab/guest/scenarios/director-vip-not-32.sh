# director-vip-not-32: on the director the VIP was added as 192.0.2.100/24 BEFORE the DIP, so the
# VIP is the primary address of 192.0.2.0/24 and the DIP a secondary one. The director then asks
# `who-has RIP tell VIP`; the real servers (VIP on lo) never answer a request whose sender is
# their own address, and the director gives up with ICMP host unreachable.

configure() {
  net_base
  run director ip addr add $VIP/24 dev eth0
  run director ip addr add $DIP/24 dev eth0
  run director ip route add default via $RTR
  real_servers http 0.0.0.0 80
  http_wrr_service
}

traffic() {
  http_get 3 http://$VIP/
}
