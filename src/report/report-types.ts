// The analysis report: what `--format json` prints (schema/report.schema.json), what the
// table/SARIF/JUnit reporters and the TUI render. Addresses are formatted strings here:
// the report is the boundary where numbers become text.

export type Severity = 'error' | 'warning' | 'info';
export type Verdict = 'fail' | 'inconclusive';
export type Role = 'client' | 'router' | 'director' | 'real-server' | 'unknown';

export type HostJson = {
  /** Label: the capture name for a host we have a capture of, else the role and IP. */
  readonly name?: string;
  readonly ip?: string;
  readonly mac?: string;
  /** The host's other interfaces' MACs (a director with a front and a back NIC). */
  readonly otherMacs?: readonly string[];
  readonly role: Role;
};

export type EvidenceJson = {
  readonly capture: string;
  /** Host the capture was taken on, when inferred. */
  readonly host?: string;
  readonly frame: number;
  /** Byte offset of the frame's record in the capture file (decompressed stream for gzip). */
  readonly offset?: number;
  /** Seconds since the epoch with 9 decimals, in the capture's own clock. */
  readonly ts: string;
  /** Short description of the packet, e.g. "192.0.2.11 is-at 02:00:00:00:02:11". */
  readonly summary: string;
};

export type JourneyHopJson = {
  /** Vantage point, e.g. "client", "director in", "director out", "rs1", "rs1 reply". */
  readonly vantage: string;
  readonly capture?: string;
  readonly frame?: number;
  /** Seconds relative to the first sighting, clock offsets removed; absent when missing. */
  readonly t?: number;
  readonly summary: string;
  /** False where the packet should have been seen at this vantage and was not. */
  readonly seen: boolean;
};

export type JourneyJson = {
  /** "CIP:cport > VIP:vport/tcp" */
  readonly connection: string;
  readonly hops: readonly JourneyHopJson[];
};

export type FindingJson = {
  readonly check: string;
  readonly severity: Severity;
  readonly verdict: Verdict;
  /** One sentence naming host and addresses. */
  readonly message: string;
  readonly hosts: readonly HostJson[];
  /** Capped list; `occurrences` says how many packets/events showed it in all. */
  readonly evidence: readonly EvidenceJson[];
  readonly occurrences: number;
  readonly expected: string;
  readonly seen: string;
  readonly fix: string;
  /** Path of the check's doc page, e.g. docs/checks/arp/vip-answered-by-non-director.md */
  readonly docs: string;
  /** Wireshark display filter showing the evidence packets. */
  readonly wiresharkFilter?: string;
  readonly journey?: JourneyJson;
};

export type CaptureJson = {
  readonly file: string;
  /** Host label inferred for the capture (or given with --role). */
  readonly host?: string;
  /** The interface, when the file holds several and each is analysed as a capture. */
  readonly interface?: string;
  readonly role: Role;
  /** LINKTYPE_* of the first frame (or interface); absent when the file describes none. */
  readonly linkType?: number;
  readonly linkTypeName: string;
  /** True when the link layer carries destination MACs (Ethernet). */
  readonly destinationMacs: boolean;
  readonly frames: number;
  /** Seconds to add to this capture's timestamps to align it with the reference capture. */
  readonly clockOffset?: number;
  readonly truncatedFrames: number;
  readonly drops?: number;
  /** Set when the file could not be read to the end (for a rotated capture, see `parts`). */
  readonly error?: { readonly offset: number; readonly message: string };
  /**
   * Set when the capture was rotated over several files (tcpdump -C/-G, dumpcap -b), read in
   * turn as one capture; `file` is the first. Evidence names each frame's own file and number.
   */
  readonly parts?: readonly CapturePartJson[];
  /**
   * Set when a NAT lies between this capture and the director: its client addresses (source
   * NAT) or the address and port it sent to (destination NAT) appear translated there, and its
   * VIP flows are matched through the translation.
   */
  readonly addressTranslation?: readonly AddressTranslationJson[];
};

export type AddressTranslationJson = {
  readonly kind: 'source' | 'destination';
  /** As this capture shows it: a client address (source) or address:port (destination). */
  readonly captured: string;
  /** As the director's side shows it. */
  readonly director: string;
  /** Source NAT: whether every connection learnt kept its client port. */
  readonly portsKept?: boolean;
};

export type CapturePartJson = {
  readonly file: string;
  readonly frames: number;
  /** Set when this file could not be read to the end; the next file was read all the same. */
  readonly error?: { readonly offset: number; readonly message: string };
};

export type ServicePortJson = { readonly protocol: 'tcp' | 'udp'; readonly port: number };

export type VipJson = {
  readonly ip: string;
  /**
   * Configured services and every port clients asked for, probes included; `distribution` says
   * which reached real servers (the table and the terminal UI show those as the VIP's services).
   */
  readonly ports: readonly ServicePortJson[];
  readonly scheduler?: string;
};

export type RealServerJson = HostJson & { readonly weight?: number };
/** tunnelsTo: the real servers' addresses a director tunnels to (LVS-TUN). */
export type DirectorJson = HostJson & { readonly tunnelsTo?: readonly string[] };

export type TopologyJson = {
  readonly vips: readonly VipJson[];
  readonly directors: readonly DirectorJson[];
  readonly realServers: readonly RealServerJson[];
  readonly clients: readonly HostJson[];
  readonly routers: readonly HostJson[];
  /** Sentences saying what was inferred from which evidence or given by which option. */
  readonly evidence: readonly string[];
};

export type ArpEventJson = {
  readonly ts: string;
  readonly capture: string;
  readonly frame: number;
  readonly mac: string;
  readonly host?: string;
  readonly kind: 'reply' | 'announcement' | 'traffic';
};

export type ArpTimelineJson = { readonly vip: string; readonly events: readonly ArpEventJson[] };

export type DistributionJson = {
  readonly vip: string;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly scheduler?: string;
  readonly servers: readonly { readonly ip?: string; readonly mac?: string; readonly weight?: number; readonly connections: number }[];
};

export type FailoverEventJson = {
  readonly ts: string;
  readonly capture: string;
  readonly frame: number;
  readonly kind: 'vrrp-master' | 'vrrp-resign' | 'garp' | 'vip-mac-switch' | 'connection-reset';
  readonly vrid?: number;
  readonly host?: string;
  readonly mac?: string;
  readonly ip?: string;
  readonly detail: string;
};

export type SummaryJson = {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly inconclusive: number;
  readonly frames: number;
  readonly captures: number;
};

export type ReportJson = {
  readonly version: 1;
  readonly tool: { readonly name: 'lvs-doctor'; readonly version: string };
  readonly captures: readonly CaptureJson[];
  readonly topology: TopologyJson;
  readonly findings: readonly FindingJson[];
  readonly arpTimeline: readonly ArpTimelineJson[];
  readonly distribution: readonly DistributionJson[];
  /** Failover timeline: VRRP master changes, gratuitous ARP bursts, VIP MAC switches, resets. */
  readonly failover: readonly FailoverEventJson[];
  readonly summary: SummaryJson;
};
