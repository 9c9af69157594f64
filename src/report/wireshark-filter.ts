// A Wireshark display filter for a finding's evidence when the check did not set one.
//
// Frame numbers differ per capture, so `frame.number in {…}` cannot describe packets from
// several files. Packet fields can: the same ARP reply or TCP segment shows the same
// addresses at every vantage point of a DR path (DR rewrites MACs only). The filter is built
// from the evidence summaries, one term per packet kind, and is given only when every summary
// is understood, so it always shows all the evidence (TCP terms also show the rest of that
// conversation, which is usually wanted). Otherwise there is no filter: the evidence export
// (one pcapng per finding) is the exact view.

import type { FindingJson } from './report-types.js';

const IP = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const MAC = String.raw`(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}`;

type Rule = { readonly pattern: RegExp; readonly term: (m: RegExpExecArray) => string };

const RULES: readonly Rule[] = [
  {
    pattern: new RegExp(String.raw`^(?:ARP )?Gratuitous ARP for (${IP})(?: \((?:Request|Reply)\))?(?: from (${MAC}))?`),
    term: (m) => `(arp.isgratuitous && arp.src.proto_ipv4 == ${m[1]}${m[2] ? ` && arp.src.hw_mac == ${m[2].toLowerCase()}` : ''})`,
  },
  {
    pattern: new RegExp(String.raw`^(?:ARP )?(${IP}) is-at (${MAC})`),
    term: (m) => `(arp.opcode == 2 && arp.src.proto_ipv4 == ${m[1]} && arp.src.hw_mac == ${m[2]!.toLowerCase()})`,
  },
  {
    pattern: new RegExp(String.raw`^(?:ARP )?who-has (${IP}) tell (${IP})`),
    term: (m) => `(arp.opcode == 1 && arp.dst.proto_ipv4 == ${m[1]} && arp.src.proto_ipv4 == ${m[2]})`,
  },
  {
    pattern: new RegExp(String.raw`^(${IP}):(\d{1,5}) > (${IP}):(\d{1,5}) (TCP|UDP)\b`),
    term: (m) => {
      const proto = m[5] === 'TCP' ? 'tcp' : 'udp';
      // Sorted so both directions of a conversation give the same term.
      const [a, b] = [`${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`].sort();
      const [ipA, portA] = a!.split(':');
      const [ipB, portB] = b!.split(':');
      return `(ip.addr == ${ipA} && ip.addr == ${ipB} && ${proto}.port == ${portA} && ${proto}.port == ${portB})`;
    },
  },
];

function termFor(summary: string): string | undefined {
  for (const rule of RULES) {
    const m = rule.pattern.exec(summary);
    if (m) return rule.term(m);
  }
  return undefined;
}

/** The finding's own filter, else one derived from its evidence, else undefined. */
export function wiresharkFilterFor(finding: FindingJson): string | undefined {
  if (finding.wiresharkFilter) return finding.wiresharkFilter;
  if (finding.evidence.length === 0) return undefined;
  const terms: string[] = [];
  for (const e of finding.evidence) {
    const term = termFor(e.summary);
    if (term === undefined) return undefined;
    if (!terms.includes(term)) terms.push(term);
  }
  return terms.length === 1 ? terms[0]!.slice(1, -1) : terms.join(' || ');
}
