import { checkCases } from '../../support/check-cases.js';

checkCases('forward/not-forwarded', {
  pass: [{ fixture: 'healthy-wrr' },
    { fixture: 'healthy-operator-traceroute', ipvsadm: true, why: 'SYNs that arrived with TTL 1 (traceroute -T), one of them not answered (ICMP rate limit); a closed UDP port' },
    { fixture: 'healthy-operator-probes', why: 'a SYN the director refused: service/refused-by-director\'s' },
    { fixture: 'lan-client-offload', why: 'TSO frames at the client, segments at the director' },
    { fixture: 'healthy-gro', why: 'segments at the router, frames merged by GRO at the director' },
    { fixture: 'healthy-tun', why: 'tunnelled copies (LVS-TUN), one of them through a router' },
    { fixture: 'healthy-tun-gre', why: 'GRE-tunnelled copies (--tun-type gre)' },
    { fixture: 'tun-fragmented', why: 'tunnelled copies fragmented by the director: the first fragment holds the client packet' },
    { fixture: 'arp-flux', captures: ['rs1', 'rs2'], ipvsadm: true, why: 'rs1 answers ARP for the VIP but serves from it: a leaking real server, not the director' },
    { fixture: 'director-two-nics', why: 'in on eth0 (director.pcap), out on eth1 (director-eth1.pcap): another source MAC, the same host' },
    { fixture: 'director-localnode', why: 'a third of the connections served by the director itself (LocalNode): its SYN-ACK from the VIP with its MAC and TTL 64' },
    { fixture: 'director-localnode', captures: ['director'], why: 'LocalNode, the director\'s capture alone' }],
  fail: [
    { fixture: 'director-firewall-drop', hosts: ['192.0.2.100'], why: 'the DIP never appears on the wire: the director is named by the VIP it owns' },
    { fixture: 'director-output-drop', hosts: ['192.0.2.100'], why: 'an OUTPUT rule: forwarded packets pass LOCAL_OUT' },
    { fixture: 'director-conntrack-drop', hosts: ['192.0.2.2'], why: 'the SYN passes, the handshake ACK is INVALID for the director\'s one-sided conntrack' },
    { fixture: 'rs-removed-midstream', hosts: ['192.0.2.2'], why: 'the real server was removed with expire_nodest_conn=0' },
    { fixture: 'keepalived-vmac-failover', hosts: ['192.0.2.2', '192.0.2.3'], why: 'use_vmac: each director received the line on the virtual MAC, the old one after resigning, the new one without an IPVS entry' },
    { fixture: 'director-two-nics', captures: ['client', 'router', 'director'], hosts: ['192.0.2.100'], verdict: 'inconclusive', why: 'only the front NIC captured: nothing shows the packets leave, yet every connection completes; its DIP never shows, the VIP names it' },
  ],
});
