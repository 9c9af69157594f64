// Hand-written reports for the reporter and TUI tests.
//
// `sampleReport` is an "ARP flux" Direct Routing deployment: rs1 answers and announces ARP for
// the VIP, so the router's cache flips between the director's MAC and rs1's MAC; rs2 refuses
// connections because its service listens on the RIP only. Captures were taken on the client,
// the router, the director and both real servers. rs2's clock runs 0.250318 s behind.

import type {
  CaptureJson,
  EvidenceJson,
  FindingJson,
  HostJson,
  ReportJson,
  Severity,
  SummaryJson,
} from '../../src/report/report-types.js';

const VIP = '192.0.2.100';

export const HOSTS = {
  client: { name: 'client', ip: '198.51.100.10', role: 'client' },
  router: { name: 'router', ip: '192.0.2.1', mac: '02:00:00:00:02:01', role: 'router' },
  director: { name: 'director', ip: '192.0.2.2', mac: '02:00:00:00:02:02', role: 'director' },
  rs1: { name: 'rs1', ip: '192.0.2.11', mac: '02:00:00:00:02:11', role: 'real-server' },
  rs2: { name: 'rs2', ip: '192.0.2.12', mac: '02:00:00:00:02:12', role: 'real-server' },
} as const satisfies Record<string, HostJson>;

const CAPTURES: readonly CaptureJson[] = [
  { file: 'client.pcap', host: 'client', role: 'client', linkType: 1, linkTypeName: 'ETHERNET', destinationMacs: true, frames: 24, clockOffset: 0.0012, truncatedFrames: 0 },
  { file: 'router.pcap', host: 'router', role: 'router', linkType: 1, linkTypeName: 'ETHERNET', destinationMacs: true, frames: 58, clockOffset: 0, truncatedFrames: 0 },
  { file: 'director.pcap', host: 'director', role: 'director', linkType: 1, linkTypeName: 'ETHERNET', destinationMacs: true, frames: 40, clockOffset: 0, truncatedFrames: 0, drops: 0 },
  { file: 'rs1.pcap', host: 'rs1', role: 'real-server', linkType: 1, linkTypeName: 'ETHERNET', destinationMacs: true, frames: 31, clockOffset: 0, truncatedFrames: 0 },
  { file: 'rs2.pcap', host: 'rs2', role: 'real-server', linkType: 276, linkTypeName: 'LINUX_SLL2', destinationMacs: false, frames: 12, clockOffset: 0.250318, truncatedFrames: 2 },
];

function ev(capture: string, host: string, frame: number, ts: string, summary: string, offset?: number): EvidenceJson {
  return offset === undefined ? { capture, host, frame, ts, summary } : { capture, host, frame, offset, ts, summary };
}

const answeredByRs1: FindingJson = {
  check: 'arp/vip-answered-by-non-director',
  severity: 'error',
  verdict: 'fail',
  message: `rs1 (192.0.2.11, 02:00:00:00:02:11) answered ARP requests for VIP ${VIP}, so the router sends VIP traffic to rs1 instead of the director.`,
  hosts: [HOSTS.rs1, HOSTS.router, HOSTS.director],
  evidence: [
    ev('router.pcap', 'router', 3, '1795276805.003120441', `who-has ${VIP} tell 192.0.2.1`, 264),
    ev('router.pcap', 'router', 5, '1795276805.003788960', `${VIP} is-at 02:00:00:00:02:11`, 392),
    ev('rs1.pcap', 'rs1', 2, '1795276805.003131006', `who-has ${VIP} tell 192.0.2.1`, 98),
    ev('rs1.pcap', 'rs1', 3, '1795276805.003779412', `${VIP} is-at 02:00:00:00:02:11`, 156),
  ],
  occurrences: 6,
  expected: `Only the director (02:00:00:00:02:02) answers ARP requests for ${VIP}.`,
  seen: `rs1 (02:00:00:00:02:11) answered 2 of 2 requests for ${VIP}; the router's entry for the VIP changed owner 4 times.`,
  fix: 'On rs1: sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2, and keep the VIP on lo (or drop ARP for the VIP with arptables/nftables).',
  docs: 'docs/checks/arp/vip-answered-by-non-director.md',
  wiresharkFilter: `arp.opcode == 2 && arp.src.proto_ipv4 == ${VIP} && arp.src.hw_mac == 02:00:00:00:02:11`,
};

const announcedByRs1: FindingJson = {
  check: 'arp/vip-announced-by-non-director',
  severity: 'error',
  verdict: 'fail',
  message: `rs1 (02:00:00:00:02:11) announced VIP ${VIP} with a gratuitous ARP, overwriting the router's cache entry for the VIP.`,
  hosts: [HOSTS.rs1, HOSTS.router],
  evidence: [
    ev('router.pcap', 'router', 2, '1795276801.204411870', `Gratuitous ARP for ${VIP} (Request) from 02:00:00:00:02:11`, 200),
    ev('rs1.pcap', 'rs1', 1, '1795276801.204398551', `Gratuitous ARP for ${VIP} (Request) from 02:00:00:00:02:11`, 40),
  ],
  occurrences: 2,
  expected: `Only the director (02:00:00:00:02:02) announces ${VIP}.`,
  seen: `1 gratuitous ARP for ${VIP} from rs1 (02:00:00:00:02:11), seen by the router.`,
  fix: 'On rs1: set net.ipv4.conf.all.arp_announce=2 and configure the VIP on lo (not on eth0 or an eth0 alias), so interface scripts do not announce it.',
  docs: 'docs/checks/arp/vip-announced-by-non-director.md',
  wiresharkFilter: `arp.isgratuitous && arp.src.proto_ipv4 == ${VIP} && arp.src.hw_mac == 02:00:00:00:02:11`,
};

const refusedByRs2: FindingJson = {
  check: 'service/refused-by-rs',
  severity: 'error',
  verdict: 'fail',
  message: `rs2 (192.0.2.12) refused connection 198.51.100.10:40002 > ${VIP}:80 with a RST: nothing listens on ${VIP}:80 on rs2.`,
  hosts: [HOSTS.rs2, HOSTS.client, HOSTS.director],
  evidence: [
    ev('client.pcap', 'client', 14, '1795276807.401000212', `198.51.100.10:40002 > ${VIP}:80 TCP [S] seq 0`, 1630),
    ev('director.pcap', 'director', 21, '1795276807.402620833', `198.51.100.10:40002 > ${VIP}:80 TCP [S] to 02:00:00:00:02:02`, 2318),
    ev('director.pcap', 'director', 22, '1795276807.402639410', `198.51.100.10:40002 > ${VIP}:80 TCP [S] to 02:00:00:00:02:12`, 2396),
    ev('rs2.pcap', 'rs2', 5, '1795276807.152592118', `198.51.100.10:40002 > ${VIP}:80 TCP [S]`, 612),
    ev('rs2.pcap', 'rs2', 6, '1795276807.152635771', `${VIP}:80 > 198.51.100.10:40002 TCP [R.] ack 1`, 700),
    ev('client.pcap', 'client', 15, '1795276807.402410551', `${VIP}:80 > 198.51.100.10:40002 TCP [R.] ack 1`, 1708),
  ],
  occurrences: 4,
  expected: `rs2 accepts connections to ${VIP}:80 (a socket bound to 0.0.0.0:80 or to the VIP).`,
  seen: 'rs2 answered 4 of 4 SYNs scheduled to it with RST, ACK.',
  fix: `Make the service on rs2 listen on 0.0.0.0:80 or ${VIP}:80 (it listens on 192.0.2.12:80 only), and make the health check connect to the VIP the way clients do.`,
  docs: 'docs/checks/service/refused-by-rs.md',
  wiresharkFilter: `tcp.port == 40002 && ip.addr == 198.51.100.10 && ip.addr == ${VIP}`,
  journey: {
    connection: `198.51.100.10:40002 > ${VIP}:80/tcp`,
    hops: [
      { vantage: 'client', capture: 'client.pcap', frame: 14, t: 0, summary: 'SYN', seen: true },
      { vantage: 'director in', capture: 'director.pcap', frame: 21, t: 0.000421, summary: 'SYN to 02:00:00:00:02:02', seen: true },
      { vantage: 'director out', capture: 'director.pcap', frame: 22, t: 0.00044, summary: 'SYN to 02:00:00:00:02:12 (rs2)', seen: true },
      { vantage: 'rs2', capture: 'rs2.pcap', frame: 5, t: 0.000711, summary: 'SYN', seen: true },
      { vantage: 'rs2 reply', capture: 'rs2.pcap', frame: 6, t: 0.000754, summary: 'RST, ACK from 192.0.2.100:80', seen: true },
      { vantage: 'client', capture: 'client.pcap', frame: 15, t: 0.001211, summary: 'RST, ACK', seen: true },
    ],
  },
};

const bypassedDirector: FindingJson = {
  check: 'forward/bypassed-director',
  severity: 'warning',
  verdict: 'fail',
  message: `Connection 198.51.100.10:40005 > ${VIP}:80 reached rs1 without passing the director: the router sent it to rs1's MAC 02:00:00:00:02:11.`,
  hosts: [HOSTS.rs1, HOSTS.router],
  evidence: [
    ev('router.pcap', 'router', 9, '1795276805.010220031', `198.51.100.10:40005 > ${VIP}:80 TCP [S] to 02:00:00:00:02:11`, 712),
    ev('rs1.pcap', 'rs1', 7, '1795276805.010398155', `198.51.100.10:40005 > ${VIP}:80 TCP [S]`, 530),
  ],
  occurrences: 9,
  expected: `New connections to ${VIP}:80 arrive at the director (02:00:00:00:02:02) first.`,
  seen: `9 connections went from the router straight to rs1; director.pcap has none of them.`,
  fix: 'Fix the ARP findings for rs1 first: the router learnt the VIP at rs1\'s MAC.',
  docs: 'docs/checks/forward/bypassed-director.md',
  journey: {
    connection: `198.51.100.10:40005 > ${VIP}:80/tcp`,
    hops: [
      { vantage: 'client', capture: 'client.pcap', frame: 11, t: 0, summary: 'SYN', seen: true },
      { vantage: 'router', capture: 'router.pcap', frame: 9, t: 0.00021, summary: 'SYN to 02:00:00:00:02:11 (rs1)', seen: true },
      { vantage: 'director in', capture: 'director.pcap', summary: 'SYN not seen on director.pcap', seen: false },
      { vantage: 'rs1', capture: 'rs1.pcap', frame: 7, t: 0.000388, summary: 'SYN', seen: true },
      { vantage: 'rs1 reply', capture: 'rs1.pcap', frame: 8, t: 0.000401, summary: 'SYN, ACK from 192.0.2.100:80', seen: true },
      { vantage: 'client', capture: 'client.pcap', frame: 12, t: 0.00089, summary: 'SYN, ACK', seen: true },
    ],
  },
};

const returnPathUnknown: FindingJson = {
  check: 'return/via-director',
  severity: 'warning',
  verdict: 'inconclusive',
  message: 'Inconclusive: cannot tell whether rs2 sends replies through the director, because rs2.pcap has no destination MACs (LINUX_SLL2, captured with -i any).',
  hosts: [HOSTS.rs2],
  evidence: [ev('rs2.pcap', 'rs2', 6, '1795276807.152635771', `${VIP}:80 > 198.51.100.10:40002 TCP [R.] ack 1`, 700)],
  occurrences: 4,
  expected: 'Replies from real servers go to the router (02:00:00:00:02:01), not through the director.',
  seen: 'The next hop of rs2\'s replies cannot be read from a cooked capture.',
  fix: 'Capture on rs2\'s eth0 (tcpdump -i eth0) instead of -i any.',
  docs: 'docs/checks/return/via-director.md',
};

const clockOffset: FindingJson = {
  check: 'capture/clock-offset',
  severity: 'info',
  verdict: 'fail',
  message: 'rs2.pcap\'s clock runs 0.250318 s behind director.pcap; timestamps were aligned using 6 packets seen in both.',
  hosts: [HOSTS.rs2, HOSTS.director],
  evidence: [
    ev('director.pcap', 'director', 22, '1795276807.402639410', `198.51.100.10:40002 > ${VIP}:80 TCP [S] to 02:00:00:00:02:12`, 2396),
    ev('rs2.pcap', 'rs2', 5, '1795276807.152592118', `198.51.100.10:40002 > ${VIP}:80 TCP [S]`, 612),
  ],
  occurrences: 6,
  expected: 'Capture clocks agree within 1 ms.',
  seen: 'rs2.pcap is offset by +0.250318 s (6 shared packets, spread 0.08 ms).',
  fix: 'Nothing to do for this analysis. Synchronise the hosts\' clocks (chrony, PTP) for tighter correlation.',
  docs: 'docs/checks/capture/clock-offset.md',
};

export function summarize(findings: readonly FindingJson[], captures: readonly CaptureJson[]): SummaryJson {
  const fails = (s: Severity) => findings.filter((f) => f.verdict === 'fail' && f.severity === s).length;
  return {
    errors: fails('error'),
    warnings: fails('warning'),
    infos: fails('info'),
    inconclusive: findings.filter((f) => f.verdict === 'inconclusive').length,
    frames: captures.reduce((n, c) => n + c.frames, 0),
    captures: captures.length,
  };
}

const FINDINGS: readonly FindingJson[] = [answeredByRs1, announcedByRs1, refusedByRs2, bypassedDirector, returnPathUnknown, clockOffset];

export const sampleReport: ReportJson = {
  version: 1,
  tool: { name: 'lvs-doctor', version: '0.1.0' },
  captures: CAPTURES,
  topology: {
    vips: [{ ip: VIP, ports: [{ protocol: 'tcp', port: 80 }], scheduler: 'wrr' }],
    directors: [HOSTS.director],
    realServers: [
      { ...HOSTS.rs1, weight: 1 },
      { ...HOSTS.rs2, weight: 2 },
    ],
    clients: [HOSTS.client],
    routers: [HOSTS.router],
    evidence: [
      `${VIP} is a VIP: director.pcap frame 21 is a SYN to ${VIP}:80 that the director forwarded unchanged to 02:00:00:00:02:12 (frame 22).`,
      'Weights and scheduler from --ipvsadm ipvsadm.txt (wrr, rs1 weight 1, rs2 weight 2).',
      '192.0.2.1 (02:00:00:00:02:01) is the router: it is the source MAC of client traffic in director.pcap.',
      'rs2.pcap is aligned to director.pcap by +0.250318 s (6 shared packets).',
    ],
  },
  findings: FINDINGS,
  arpTimeline: [
    {
      vip: VIP,
      events: [
        { ts: '1795276800.512004113', capture: 'router.pcap', frame: 1, mac: '02:00:00:00:02:02', host: 'director', kind: 'announcement' },
        { ts: '1795276801.204411870', capture: 'router.pcap', frame: 2, mac: '02:00:00:00:02:11', host: 'rs1', kind: 'announcement' },
        { ts: '1795276805.003391207', capture: 'router.pcap', frame: 4, mac: '02:00:00:00:02:02', host: 'director', kind: 'reply' },
        { ts: '1795276805.003788960', capture: 'router.pcap', frame: 5, mac: '02:00:00:00:02:11', host: 'rs1', kind: 'reply' },
        { ts: '1795276805.010220031', capture: 'router.pcap', frame: 9, mac: '02:00:00:00:02:11', host: 'rs1', kind: 'traffic' },
        { ts: '1795276807.101702311', capture: 'router.pcap', frame: 13, mac: '02:00:00:00:02:11', host: 'rs1', kind: 'reply' },
        { ts: '1795276807.101934876', capture: 'router.pcap', frame: 14, mac: '02:00:00:00:02:02', host: 'director', kind: 'reply' },
        { ts: '1795276807.401990120', capture: 'router.pcap', frame: 17, mac: '02:00:00:00:02:02', host: 'director', kind: 'traffic' },
      ],
    },
  ],
  failover: [],
  distribution: [
    {
      vip: VIP,
      protocol: 'tcp',
      port: 80,
      scheduler: 'wrr',
      servers: [
        { ip: '192.0.2.11', mac: '02:00:00:00:02:11', weight: 1, connections: 9 },
        { ip: '192.0.2.12', mac: '02:00:00:00:02:12', weight: 2, connections: 4 },
      ],
    },
  ],
  summary: summarize(FINDINGS, CAPTURES),
};

const MANY_CHECKS: readonly { check: string; severity: Severity }[] = [
  { check: 'arp/vip-answered-by-non-director', severity: 'error' },
  { check: 'service/refused-by-rs', severity: 'error' },
  { check: 'forward/bypassed-director', severity: 'warning' },
  { check: 'return/source-is-rip', severity: 'warning' },
  { check: 'capture/truncated-frames', severity: 'info' },
];

/** `count` findings (200 by default) spread over five checks, for windowing tests. */
export function manyFindingsReport(count = 200): ReportJson {
  const findings: FindingJson[] = [];
  for (let i = 0; i < count; i++) {
    const { check, severity } = MANY_CHECKS[i % MANY_CHECKS.length]!;
    const rsIp = `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    findings.push({
      check,
      severity,
      verdict: i % 17 === 16 ? 'inconclusive' : 'fail',
      message: `Finding #${i + 1}: real server ${rsIp} broke ${check}.`,
      hosts: [{ name: `rs${i + 1}`, ip: rsIp, role: 'real-server' }],
      evidence: [ev('director.pcap', 'director', 100 + i, `1795276810.${String(i).padStart(9, '0')}`, `packet for finding ${i + 1}`)],
      occurrences: 1,
      expected: 'nothing wrong',
      seen: `something wrong #${i + 1}`,
      fix: 'fix it',
      docs: `docs/checks/${check}.md`,
    });
  }
  return { ...sampleReport, findings, summary: summarize(findings, CAPTURES) };
}

/** Capture-derived strings carrying terminal control sequences. */
export const HOSTILE = {
  /** OSC 0: sets the terminal title. */
  oscTitle: '\u001b]0;pwned\u0007',
  /** CSI: red text and clear screen. */
  csi: '\u001b[31m\u001b[2J',
  /** U+202E RIGHT-TO-LEFT OVERRIDE: "evil\u202Egnp.pcap" reads as "evilpacp.png". */
  bidi: '\u202e',
  /** C1 CSI (0x9b) and C1 OSC (0x9d). */
  c1: '\u009b31m\u009d0;x\u009c',
} as const;

const evilFile = `evil${HOSTILE.oscTitle}${HOSTILE.bidi}gnp.pcap`;
const evilHost = `rs${HOSTILE.csi}1`;

/** The sample with hostile file names, host names, summaries and messages. */
export const hostileReport: ReportJson = {
  ...sampleReport,
  captures: [
    { ...CAPTURES[0]!, file: evilFile, host: evilHost },
    ...CAPTURES.slice(1),
  ],
  topology: {
    ...sampleReport.topology,
    realServers: [{ ...HOSTS.rs1, name: evilHost, weight: 1 }, { ...HOSTS.rs2, weight: 2 }],
    evidence: [`inferred from ${evilFile}${HOSTILE.c1}`],
  },
  findings: sampleReport.findings.map((f, i) => ({
    ...f,
    message: `${f.message} ${HOSTILE.csi}${HOSTILE.c1}`,
    hosts: f.hosts.map((h) => ({ ...h, name: `${h.name ?? ''}${HOSTILE.bidi}` })),
    evidence: f.evidence.map((e) => ({ ...e, capture: i === 0 ? evilFile : e.capture, host: evilHost, summary: `${e.summary}${HOSTILE.oscTitle}` })),
    fix: `${f.fix}${HOSTILE.c1}`,
    ...(f.journey
      ? { journey: { ...f.journey, connection: `${f.journey.connection}${HOSTILE.bidi}`, hops: f.journey.hops.map((h) => ({ ...h, vantage: `${h.vantage}${HOSTILE.csi}`, summary: `${h.summary}${HOSTILE.c1}` })) } }
      : {}),
  })),
  arpTimeline: sampleReport.arpTimeline.map((t) => ({
    ...t,
    events: t.events.map((e) => ({ ...e, capture: evilFile, host: evilHost })),
  })),
};

/** A clean run: captures but no findings. */
export const emptyReport: ReportJson = {
  ...sampleReport,
  findings: [],
  arpTimeline: [],
  distribution: [],
  failover: [],
  summary: summarize([], CAPTURES),
};

/** Raw bytes no terminal output may contain: ESC, BEL, C1 controls and bidi overrides. */
export const UNSAFE_OUTPUT = /[\u0007\u001b\u0080-\u009f\u202a-\u202e\u2066-\u2069]/u;
