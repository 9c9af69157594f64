# vrrp-split-brain: two directors run keepalived (same VRRP instance as keepalived-failover), but
# an nftables rule on each drops incoming VRRP (`ip protocol 112 drop`). Neither hears the other's
# adverts, so both become MASTER, both hold the VIP and both send gratuitous ARPs.

LAN_HOSTS="director director2 rs1 rs2"

configure() {
  net_base
  director_up director $DIP
  director_up director2 $DIP2
  real_servers http 0.0.0.0 80
  for d in director director2; do
    run $d nft add table inet filter
    run $d nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
    run $d nft add rule inet filter input ip protocol 112 drop
  done
  wait_servers
  keepalived_start director "$(keepalived_conf director MASTER 150 80)"
  wait_for 30 "VIP on director" has_vip director
}

traffic() {
  http_get 2 http://$VIP/
  keepalived_start director2 "$(keepalived_conf director2 BACKUP 100 80)"
  wait_for 30 "VIP on director2" has_vip director2
  step "both directors hold the VIP"
  pause 2
  http_get 2 http://$VIP/
  pause 5
  http_get 2 http://$VIP/
  ipvs_snapshot
}
