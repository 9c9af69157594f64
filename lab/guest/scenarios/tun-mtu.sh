# tun-mtu: the LVS-TUN site of healthy-tun with both real servers on the director's LAN, MTU 1500
# everywhere. Tunnelling adds a 20-byte outer header, so a full-size client segment (1500 bytes,
# DF set by path MTU discovery) no longer fits the path to the real server: the director answers
# it with ICMP fragmentation needed (MTU 1480), sourced from the VIP (net.ipv4.vs.pmtu_disc=1,
# the default). Small requests work; the client's uploads wait for path MTU discovery.
# Traffic: 3 HTTP POSTs of 8000 bytes, each on a new connection.

configure() {
  tun_site
  rs_up rs2; tun_rs rs2
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -i -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -i -w 1
  head -c 8000 /dev/zero | tr '\0' 'x' > "$RUNDIR/upload.bin"
  pmtu_policy
}

# pmtu_policy   IPVS's default: reject DF packets too big for the tunnel (tun-fragmented overrides it)
pmtu_policy() { :; }

traffic() {
  http_get 3 http://$VIP/ -H Expect: --data-binary @"$RUNDIR/upload.bin"
  run client ip route get $VIP
  run director sysctl net.ipv4.vs.pmtu_disc
}
