# keepalived-unicast-failover: keepalived-failover with unicast VRRP (unicast_src_ip and
# unicast_peer on both directors, as where multicast is not allowed): the master sends its
# adverts to the backup's address, not to 224.0.0.18. No connection synchronisation. The client
# keeps one TCP connection to VIP:7000 open, a line every 0.5 s; the master's keepalived is
# stopped (SIGTERM); director2 takes over the VIP without the connection's entry and its own
# stack resets the connection.

. "$GUEST/scenarios/keepalived-failover.sh"

KA_UNICAST=1
