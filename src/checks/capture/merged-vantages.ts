import { formatMac } from '../../decode/addresses.js';
import { dstMacOf, srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck, type EvidenceRef } from '../check-api.js';

/**
 * How close in capture time two copies of one TCP segment must be to count as one frame
 * recorded twice: hosts' captures merged into one file differ by their clocks' skew and the
 * wire delay, while a sender's own retransmission waits at least TCP's minimum RTO (200 ms)
 * and mostly carries a new IPv4 ID or TCP timestamp anyway. Only TCP is counted: tools and
 * protocols that send the same datagram again and again (PIM, IPv4 UDP with DF and ID 0) do
 * exist, but no TCP stack sends one segment twice within moments.
 */
const REPEAT_SECONDS = 0.1;
/** A few repeats happen (a mirror port, an odd retransmission); a merged file repeats most frames. */
const MIN_REPEATS = 20;
const MIN_SHARE = 0.1;
const EVIDENCE = 6;

type Tally = { tcpFrames: number; repeats: number; readonly evidence: EvidenceRef[] };

/** The same frame, byte for byte as far as hops go: same MACs, TTL, interface and invariant bytes. */
function sameCopy(a: Sighting, b: Sighting): boolean {
  if (a.invariant !== b.invariant || a.frame.ip!.ttl !== b.frame.ip!.ttl) return false;
  if (srcMacOf(a) !== srcMacOf(b) || dstMacOf(a) !== dstMacOf(b)) return false;
  const la = a.frame.link, lb = b.frame.link;
  // A cooked capture of a host with a bridge sees each bridged frame on the port and on the
  // bridge: the same bytes from two interfaces. SLL (v1) does not say which.
  if (la?.kind === 'sll' || lb?.kind === 'sll') return false;
  if (la?.kind === 'sll2' && lb?.kind === 'sll2') return la.ifindex === lb.ifindex;
  return true;
}

export default defineCheck({
  meta: {
    id: 'capture/merged-vantages',
    title: 'A capture holds several vantage points in one interface',
    severity: 'info',
    summary: 'Fires when one capture records many TCP segments twice, byte for byte and within moments: several hosts\' captures merged into one file (mergecap, Wireshark\'s File › Merge), or a mirror port that copies each frame twice.',
    why: 'lvs-doctor learns where a packet was seen from which capture it is in, and a capture\'s host from the MAC in nearly all its frames. A file merged from several hosts\' captures has lost which host saw which frame: the hosts in it are reported as not captured, and what happened where is only partly told.',
    fix: 'Give each host\'s capture as its own file (lvs-doctor analyze client.pcap director.pcap rs1.pcap …), or merge them with mergecap -I none, which keeps one interface per input file: lvs-doctor reads each interface as a capture of its own.',
    docs: 'docs/checks/capture/merged-vantages.md',
    messages: {
      merged: '{{capture}} records {{repeats}} of its {{frames}} TCP segments twice, byte for byte: it looks like several hosts\' captures merged into one interface.',
    },
  },
  sightingKinds: ['tcp'],
  create(ctx) {
    const tallies: (Tally | undefined)[] = [];
    return {
      sighting(s, earlier) {
        let t = tallies[s.capture];
        if (t === undefined) tallies[s.capture] = t = { tcpFrames: 0, repeats: 0, evidence: [] };
        t.tcpFrames++;
        for (const e of earlier) {
          if (e.capture !== s.capture || s.t - e.t > REPEAT_SECONDS || e.t - s.t > REPEAT_SECONDS || !sameCopy(e, s)) continue;
          t.repeats++;
          if (t.evidence.length < EVIDENCE) t.evidence.push({ capture: e.capture, frame: e.frame }, { capture: s.capture, frame: s.frame });
          return;
        }
      },
      end() {
        for (const c of ctx.captures) {
          const t = tallies[c.index];
          if (t === undefined || t.repeats < MIN_REPEATS || t.repeats < MIN_SHARE * t.tcpFrames) continue;
          const first = t.evidence[0]?.frame.link;
          const hop = first && first.kind === 'ethernet' ? ` (e.g. ${formatMac(first.src)} → ${formatMac(first.dst)})` : '';
          ctx.report({
            messageId: 'merged', verdict: 'inconclusive', data: { capture: c.name, repeats: t.repeats, frames: t.tcpFrames },
            // No host is named: the capture's inferred host is a guess among the hosts merged into it.
            key: c.file, hosts: [], evidence: t.evidence,
            expected: 'each frame once per interface captured',
            seen: `${t.repeats} of ${t.tcpFrames} TCP segments recorded twice within ${REPEAT_SECONDS * 1000} ms, same MACs and TTL${hop}`,
          });
        }
      },
    };
  },
});
