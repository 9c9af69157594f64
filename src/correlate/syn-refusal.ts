// A TCP stack answers a segment without ACK (a SYN) for which it has no socket with RST|ACK and
// sequence number 0; a segment with ACK gets a bare RST carrying that ACK as its sequence number
// (tcp_v4_send_reset, tcp_v6_send_reset; nftables' `reject with tcp reset` does the same). So a
// reset with ACK and sequence 0 refused a new connection, and any other reset ended one.

import type { TcpSegment } from '../decode/frame-types.js';

const TCP_RST = 0x04, TCP_ACK = 0x10;

export function isSynRefusal(tcp: TcpSegment): boolean {
  return (tcp.flags & (TCP_RST | TCP_ACK)) === (TCP_RST | TCP_ACK) && tcp.seq === 0;
}
