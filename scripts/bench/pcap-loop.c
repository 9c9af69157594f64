/* The native reference for `npm run bench`: a libpcap read loop that decodes the headers
 * lvs-doctor decodes (Ethernet, one VLAN tag, ARP, IPv4/IPv6, TCP/UDP/ICMP) into a struct,
 * so the comparison is reading + header decoding, nothing more.
 *   pcap-loop FILE           counts and checksums the decoded fields
 *   pcap-loop FILE --print   also prints one line per frame (like `decode --format table`)
 * Build: gcc -O2 -o pcap-loop pcap-loop.c -lpcap */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct frame {
  uint64_t src_mac, dst_mac;
  uint16_t ether_type, sport, dport;
  uint8_t ip_version, ttl, proto, flags;
  uint32_t src4, dst4, seq, ack, id;
  uint8_t src6[16], dst6[16];
  uint16_t arp_op;
};

static uint16_t be16(const u_char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const u_char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint64_t mac(const u_char *p) { return (uint64_t)be16(p) << 32 | be32(p + 2); }

static int decode(const u_char *b, uint32_t caplen, struct frame *f) {
  memset(f, 0, sizeof *f);
  if (caplen < 14) return -1;
  f->dst_mac = mac(b); f->src_mac = mac(b + 6); f->ether_type = be16(b + 12);
  uint32_t off = 14;
  if (f->ether_type == 0x8100 && caplen >= 18) { f->ether_type = be16(b + 16); off = 18; }
  if (f->ether_type == 0x0806) { if (caplen >= off + 28) f->arp_op = be16(b + off + 6); return 0; }
  uint32_t l4;
  if (f->ether_type == 0x0800) {
    if (caplen < off + 20) return -1;
    uint32_t ihl = (b[off] & 15u) * 4;
    f->ip_version = 4; f->ttl = b[off + 8]; f->proto = b[off + 9]; f->id = be16(b + off + 4);
    f->src4 = be32(b + off + 12); f->dst4 = be32(b + off + 16);
    l4 = off + ihl;
  } else if (f->ether_type == 0x86dd) {
    if (caplen < off + 40) return -1;
    f->ip_version = 6; f->ttl = b[off + 7]; f->proto = b[off + 6];
    memcpy(f->src6, b + off + 8, 16); memcpy(f->dst6, b + off + 24, 16);
    l4 = off + 40;
  } else return 0;
  if ((f->proto == 6 && caplen >= l4 + 20) || (f->proto == 17 && caplen >= l4 + 8)) {
    f->sport = be16(b + l4); f->dport = be16(b + l4 + 2);
    if (f->proto == 6) { f->seq = be32(b + l4 + 4); f->ack = be32(b + l4 + 8); f->flags = b[l4 + 13]; }
  }
  return 0;
}

int main(int argc, char **argv) {
  char err[PCAP_ERRBUF_SIZE];
  if (argc < 2) { fprintf(stderr, "usage: pcap-loop FILE [--print]\n"); return 2; }
  int print = argc > 2 && strcmp(argv[2], "--print") == 0;
  pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, err);
  if (!p) { fprintf(stderr, "%s\n", err); return 2; }
  struct pcap_pkthdr *h; const u_char *data; struct frame f;
  uint64_t n = 0, sum = 0;
  int r;
  while ((r = pcap_next_ex(p, &h, &data)) == 1) {
    n++;
    if (decode(data, h->caplen, &f) != 0) continue;
    sum += f.src_mac ^ f.dst_mac ^ f.src4 ^ f.dst4 ^ f.sport ^ f.dport ^ f.seq ^ f.ack ^ f.ttl;
    if (print) {
      printf("%llu %ld.%09ld %u %012llx %012llx %u.%u.%u.%u %u.%u.%u.%u %u %u %u %u %u %u\n",
             (unsigned long long)n, (long)h->ts.tv_sec, (long)h->ts.tv_usec, h->caplen,
             (unsigned long long)f.src_mac, (unsigned long long)f.dst_mac,
             f.src4 >> 24, f.src4 >> 16 & 255, f.src4 >> 8 & 255, f.src4 & 255,
             f.dst4 >> 24, f.dst4 >> 16 & 255, f.dst4 >> 8 & 255, f.dst4 & 255,
             f.ttl, f.proto, f.sport, f.dport, f.seq, f.ack);
    }
  }
  pcap_close(p);
  fprintf(stderr, "%llu packets (checksum %llx)\n", (unsigned long long)n, (unsigned long long)sum);
  return r == -1 ? 1 : 0;
}
