# healthy-fwmark: a correct LVS-DR site whose virtual service is a firewall mark, as sites that
# keep a client on one real server across HTTP and another port do: an nftables rule on the
# director marks VIP:80 and VIP:7000 with mark 1, and `ipvsadm -A -f 1 -s rr -p 60` balances the
# mark (persistence 60 s) over rs1 and rs2, both -g. Each real server runs HTTP on 0.0.0.0:80 and
# a line-echo service on 0.0.0.0:7000.
# Traffic: 4 HTTP GETs, then a line-echo connection of 3 lines, then 4 HTTP GETs: with persistence
# by client address every connection of the one client goes to the same real server.

configure() {
  local rs
  net_base
  director_up director $DIP
  vip_on_director director
  for rs in rs1 rs2; do rs_dr $rs; server http $rs 0.0.0.0 80; server lineecho $rs 0.0.0.0 7000; done
  run director nft add table ip mangle
  run director nft add chain ip mangle prerouting '{ type filter hook prerouting priority mangle; policy accept; }'
  run director nft add rule ip mangle prerouting ip daddr $VIP tcp dport '{ 80, 7000 }' meta mark set 1
  ipvs director -A -f 1 -s rr -p 60
  ipvs director -a -f 1 -r $RIP1 -g
  ipvs director -a -f 1 -r $RIP2 -g
  wait_servers
}

traffic() {
  http_get 4 http://$VIP/
  run client python3 "$GUEST/tools.py" lineclient $VIP 7000 3 0.3
  http_get 4 http://$VIP/
}
