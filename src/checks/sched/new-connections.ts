// New connections per configured virtual service, in scheduling order, with the real server
// each went to. Shared by the scheduling checks; bounded per service.

import { formatIp, type IpAddress } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import type { ConfiguredService } from '../../correlate/infer-topology.js';
import type { CaptureView } from '../check-api.js';
import type { TopologyView } from '../../correlate/topology.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { isInbound } from '../vantage.js';
import { realServerOf } from './realserver-of.js';
import { sentWithSmallTtl } from '../probe.js';
import { isTimeExceeded } from '../icmp-errors.js';
import { localNodeServer } from '../../correlate/local-node.js';

const MAX_PER_SERVICE = 20_000;

export type ScheduledConnection = {
  readonly t: number;
  /** The connection with only the sightings its log keeps (see Retain). */
  readonly connection: Connection;
  /** Formatted RIP of the real server, or its MAC when its address is unknown. */
  readonly server: string;
  readonly serverIp?: IpAddress;
};

export function serviceOf(config: readonly ConfiguredService[], c: Connection): ConfiguredService | undefined {
  return config.find((s) => s.vip === c.vip && s.port === c.vport && s.protocol === c.protocol);
}

/**
 * One-packet scheduling (ipvsadm --ops, UDP only): IPVS schedules every datagram on its own and
 * keeps no connection entry, so one client socket's datagrams spread over the real servers.
 */
export function isOnePacket(service: ConfiguredService): boolean {
  return service.onePacket === true && service.protocol === 'udp';
}

/** Whether the connection asked the scheduler for a server (a SYN, or a UDP exchange). */
export function isNewConnection(c: Connection): boolean {
  return c.protocol === 'udp' || c.startedWithSyn;
}

/**
 * What a log keeps of each connection's sightings: 'first' only its first request (the
 * evidence), 'journey' also what a finding's journey shows (first request everywhere, the
 * first replies), 'none' nothing (add() only makes the entry). Whole connections would keep
 * every sighting of up to 20,000 connections per service alive (hundreds of MB on a busy capture).
 */
export type Retain = 'none' | 'first' | 'journey';

const JOURNEY_REPLIES = 8;

function retained(c: Connection, keep: Retain): Connection {
  return {
    ...c,
    firstRequest: keep === 'first' ? c.firstRequest.slice(0, 1) : c.firstRequest,
    replies: keep === 'first' ? [] : c.replies.slice(0, JOURNEY_REPLIES),
    requests: [],
    realServerSightings: [],
  };
}

/** New connections whose real server no capture shows: how many, and the first few. */
export type Unplaced = { count: number; readonly examples: Sighting[] };

const UNPLACED_EXAMPLES = 12;

/**
 * Whether a capture shows what became of an unplaced connection: a director's capture saw it
 * arrive and not leave (not scheduled, or dropped), or a real server's saw it come from another
 * MAC than a director's (it bypassed the scheduler).
 */
function fateKnown(c: Connection, captures: readonly CaptureView[], t: TopologyView): boolean {
  return c.firstRequest.some((s) => {
    const cap = captures[s.capture]!;
    if (!isInbound(s, cap)) return false;
    return cap.role === 'director' || (cap.role === 'real-server' && !t.isDirectorMac(srcMacOf(s)));
  });
}

/** A request answered with time exceeded, or sent with a probe's TTL, died before any scheduler saw it. */
function diedOnTheWay(c: Connection): boolean {
  return sentWithSmallTtl(c) || c.replies.some((r) => {
    const l4 = r.frame.l4;
    return (l4?.kind === 'icmp' || l4?.kind === 'icmpv6') && isTimeExceeded(l4);
  });
}

export function createScheduleLog(captures: readonly CaptureView[], topology: () => TopologyView, keep: Retain = 'journey') {
  const log = new Map<ConfiguredService, ScheduledConnection[]>();
  const unplaced = new Map<ConfiguredService, Unplaced>();
  const record = (service: ConfiguredService, entry: ScheduledConnection): ScheduledConnection => {
    if (keep === 'none') return entry;
    let list = log.get(service);
    if (!list) log.set(service, (list = []));
    if (list.length < MAX_PER_SERVICE) list.push(entry);
    return entry;
  };
  return {
    add(service: ConfiguredService, c: Connection): ScheduledConnection | undefined {
      const t = topology();
      const mac = realServerOf(c, captures, t);
      if (mac === undefined && c.tunnelledTo !== undefined) {
        // Tunnelled to an address whose host no capture shows: the address names the server.
        return record(service, { t: c.firstT, connection: keep === 'none' ? c : retained(c, keep), server: formatIp(c.tunnelledTo), serverIp: c.tunnelledTo });
      }
      if (mac === undefined) {
        // Scheduled somewhere no capture shows (only the client's or the router's view of it).
        if (!fateKnown(c, captures, t) && !diedOnTheWay(c)) {
          let u = unplaced.get(service);
          if (!u) unplaced.set(service, (u = { count: 0, examples: [] }));
          u.count++;
          if (u.examples.length < UNPLACED_EXAMPLES && c.firstRequest[0]) u.examples.push(c.firstRequest[0]);
        }
        return undefined;
      }
      const host = t.hostByMac(mac);
      // A director serving the connection itself stands for its configured local real server.
      const ip = (t.isDirectorMac(mac) ? localNodeServer(service.realServers, host?.ips ?? []) : undefined) ?? host?.ips[0];
      return record(service, {
        t: c.firstT, connection: keep === 'none' ? c : retained(c, keep), server: ip !== undefined ? formatIp(ip) : t.labelOfMac(mac), ...(ip !== undefined ? { serverIp: ip } : {}),
      });
    },
    /** New connections of a service that no capture places on a real server. */
    unplacedOf(service: ConfiguredService): Unplaced | undefined {
      return unplaced.get(service);
    },
    /** Per service, in scheduling (start-time) order. */
    all(): Map<ConfiguredService, ScheduledConnection[]> {
      for (const list of log.values()) list.sort((a, b) => a.t - b.t);
      return log;
    },
  };
}
