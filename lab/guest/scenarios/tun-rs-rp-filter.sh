# tun-rs-rp-filter: the LVS-TUN site of tun-mtu (both real servers on the director's LAN), but rs2
# keeps strict reverse-path filtering (rp_filter=1 on all and tunl0), as many distributions and
# hardening guides set it. A decapsulated packet arrives on tunl0 from the client, whose route is
# via eth0: the kernel drops it as a martian without an answer, and every connection scheduled to
# rs2 times out. rs1 is a correct tunnelling real server. Round robin.
# Traffic: 4 HTTP GETs from the client, each on a new connection.

configure() {
  tun_site
  rs_up rs2; tun_rs rs2
  sysctl_set rs2 net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.tunl0.rp_filter=1
  step "[rs2] sysctl net.ipv4.conf.{all,tunl0}.rp_filter=1"
  ipvs director -A -t $VIP:80 -s rr
  ipvs director -a -t $VIP:80 -r $RIP1:80 -i -w 1
  ipvs director -a -t $VIP:80 -r $RIP2:80 -i -w 1
}

traffic() {
  http_get 4 http://$VIP/
  run rs2 nstat -az TcpExtIPReversePathFilter
}
