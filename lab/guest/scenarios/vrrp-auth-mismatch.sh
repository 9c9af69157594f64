# vrrp-auth-mismatch: two directors run keepalived with the same VRRP instance (VRID 51, VRRPv2)
# but different simple-password authentication: the director has `auth_pass lvsdr`, director2
# `auth_pass lvsdr-2`. Each keepalived discards the other's adverts ("invalid passwd"), so
# director2 never hears a master, becomes MASTER as well, and both hold the VIP and send
# gratuitous ARPs.

LAN_HOSTS="director director2 rs1 rs2"

configure() {
  net_base
  director_up director $DIP
  director_up director2 $DIP2
  real_servers http 0.0.0.0 80
  wait_servers
  keepalived_start director "$(keepalived_conf director MASTER 150 80)"
  wait_for 30 "VIP on director" has_vip director
}

traffic() {
  http_get 2 http://$VIP/
  local conf; conf=$(keepalived_conf director2 BACKUP 100 80)
  sed -i 's/auth_pass lvsdr$/auth_pass lvsdr-2/' "$conf"
  step "[director2] $(basename "$conf"): $(grep auth_pass "$conf" | tr -s ' ')"
  keepalived_start director2 "$conf"
  wait_for 30 "VIP on director2" has_vip director2
  step "both directors hold the VIP"
  pause 2
  http_get 2 http://$VIP/
  pause 5
  http_get 2 http://$VIP/
  ipvs_snapshot
}
