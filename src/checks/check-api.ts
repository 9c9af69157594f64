// What a check sees and how it reports. A check computes facts; the engine aggregates its
// reports into findings (one per check and key), formats the message from the check's
// templates and attaches host roles, evidence summaries and journeys.

import type { IpAddress, Mac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import type { Connection } from '../correlate/connections.js';
import type { Sighting } from '../correlate/sighting.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import type { HostInfo, TopologyView } from '../correlate/topology.js';
import type { Role, Verdict } from '../report/report-types.js';
import type { CheckMeta } from './check-meta.js';

export type LinkKind = 'ethernet' | 'cooked' | 'bare' | 'unknown';

export type CaptureView = {
  readonly index: number;
  readonly file: string;
  /** Host label (capture name or --role NAME). */
  readonly name: string;
  readonly role: Role;
  readonly hostMac?: Mac;
  readonly host?: HostInfo;
  /** Link layer of most of its frames. */
  readonly linkKind: LinkKind;
  /** Clock offset in seconds added to align with the reference capture; absent when no packet was shared. */
  readonly clockOffset?: number;
  /** Counters, final only in `end()`. */
  /**
   * frames; cut: captured shorter than on the wire; truncated: cut inside a decoded header;
   * firstT, lastT: capture clock of the first and last frame read so far.
   */
  readonly stats: {
    readonly frames: number; readonly cut: number; readonly truncated: number;
    readonly firstT: number | undefined; readonly lastT: number | undefined;
  };
  /** Whether the capture (a file of it) could not be read to its end; final only in `end()`. */
  readonly failed: boolean;
};

export type HostRef = { readonly ip?: IpAddress; readonly mac?: Mac };

export type EvidenceRef = { readonly capture: number; readonly frame: Frame };

export type FindingDraft<MessageId extends string> = {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
  /** Findings of one check with the same key merge into one (occurrences counted). Default: first host. */
  readonly key?: string;
  readonly verdict?: Verdict;
  readonly hosts: readonly HostRef[];
  readonly evidence: readonly EvidenceRef[];
  readonly expected: string;
  readonly seen: string;
  /** A fix specific to this finding; the check's generic hint otherwise. */
  readonly fix?: string;
  /** The connection behind the finding, for the journey view. */
  readonly connection?: Connection;
};

export type CheckContext<MessageId extends string> = {
  readonly topology: TopologyView;
  /** What the operator configured (--ipvsadm, --keepalived, --topology); empty with zero configuration. */
  readonly config: ConfiguredTopology;
  readonly captures: readonly CaptureView[];
  report(draft: FindingDraft<MessageId>): void;
  /** Marks a connection (its `key`) as explained by a finding: service/unanswered skips those. */
  explain(connectionKey: string): void;
  isExplained(connectionKey: string): boolean;
};

export type CheckHandlers = {
  /**
   * Every frame (of the check's `sightingKinds`), in aligned time order across captures, with
   * earlier sightings of the same packet. `earlier` is valid during the call only: copy it to keep it.
   */
  sighting?(s: Sighting, earlier: readonly Sighting[]): void;
  /** A packet's sightings when it leaves the correlation window. */
  packetExpired?(sightings: readonly Sighting[]): void;
  /** A VIP connection when it ends or goes idle. */
  connection?(c: Connection): void;
  /** After the last frame. */
  end?(): void;
};

/**
 * What a frame carries, for handing sightings only to the checks that look at such frames:
 * 'ip' is every IP frame whatever its transport, 'other' is neither ARP nor IP.
 */
export type SightingKind = 'arp' | 'ip' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'vrrp' | 'other';

export type CheckDefinition<MessageId extends string> = {
  readonly meta: CheckMeta & { readonly messages: Readonly<Record<MessageId, string>> };
  /**
   * The frames whose sightings `sighting` needs; absent: all. Most frames are irrelevant to
   * most checks, and a handler that is not called costs nothing.
   */
  readonly sightingKinds?: readonly SightingKind[];
  /** Checks that must run before this one (their findings can explain connections). */
  readonly after?: readonly string[];
  create(ctx: CheckContext<MessageId>): CheckHandlers;
};

export type AnyCheck = CheckDefinition<string>;

export function defineCheck<MessageId extends string>(def: CheckDefinition<MessageId>): CheckDefinition<MessageId> {
  return def;
}
