// Shared by arp/vip-unresolved and nd/vip-unresolved: address resolution attempts for a target
// (ARP requests, neighbour solicitations) that nobody answers, and routers' "address
// unreachable" reports, turned into findings once the target is known to be a VIP.

import { formatIp, formatMac, type IpAddress } from '../decode/addresses.js';
import type { Sighting } from '../correlate/sighting.js';
import type { CheckContext, HostRef } from './check-api.js';
import { hostRefOf } from './host-ref.js';

/** Linux gives up on a neighbour after mcast_solicit (3) multicast probes, retrans_time (1 s) apart. */
export const FAILED_AFTER_REQUESTS = 3;
/** Requests further apart than this belong to separate resolution attempts. */
const RETRY_GAP_SECONDS = 1.5;
const MAX_TARGETS = 4096;
/** Failures held for addresses not (yet) known to be VIPs. */
const MAX_PENDING = 256;
const MAX_EVIDENCE = 6;

/** One resolution attempt for a target, counted in the capture that first saw it. */
type Attempt = { readonly capture: number; readonly asker: IpAddress; requests: number; lastT: number; readonly frames: Sighting[] };

type Failure = { readonly target: IpAddress; readonly frames: readonly Sighting[]; readonly seen: string; readonly asker: IpAddress };

export type UnresolvedVipOptions = {
  /** How one request reads in a finding ("who-has T tell A", "NS for T from A"). */
  readonly describeRequests: (target: IpAddress, asker: IpAddress) => string;
  /** The protocol's name in "no … from T in any capture" (ARP, ND). */
  readonly protocol: string;
  /** What an answer looks like ("T is-at M", "NA for T from M"). */
  readonly answer: (target: IpAddress, owner: string) => string;
};

export type UnresolvedVipTracker = {
  /** A broadcast or multicast resolution request for `target` from `asker`. */
  request(s: Sighting, target: IpAddress, asker: IpAddress): void;
  /** The target spoke for itself (reply, announcement, its own request): resolved. */
  answered(target: IpAddress): void;
  /** A client opened a connection to `target`: without known VIPs, that makes it one. */
  connectionTarget(target: IpAddress): void;
  /** `sender` reported `target` unreachable (ICMP host / ICMPv6 address unreachable). */
  unreachable(s: Sighting, target: IpAddress, sender: IpAddress, what: string): void;
  end(): void;
};

export function createUnresolvedVipTracker(ctx: CheckContext<'unresolved'>, options: UnresolvedVipOptions): UnresolvedVipTracker {
  const attempts = new Map<IpAddress, Attempt>();
  const pending: Failure[] = [];
  /** Addresses clients open TCP connections to: the VIPs when none is known otherwise. */
  const connectionTargets = new Set<IpAddress>();
  let nextSweep = -Infinity;

  const qualifies = (target: IpAddress) =>
    ctx.topology.isVip(target) || (ctx.topology.vips.length === 0 && connectionTargets.has(target));

  function fail(f: Failure): void {
    if (qualifies(f.target)) report(f);
    else if (pending.length < MAX_PENDING) pending.push(f);
  }

  function report(f: Failure): void {
    const director = ctx.topology.directors.length === 1 ? ctx.topology.directors[0] : undefined;
    const hosts: HostRef[] = [{ ip: f.target }];
    if (director?.mac !== undefined) hosts.push(hostRefOf(director));
    ctx.report({
      messageId: 'unresolved',
      data: { vip: formatIp(f.target), asker: formatIp(f.asker) },
      key: String(f.target),
      hosts,
      evidence: f.frames.map((s) => ({ capture: s.capture, frame: s.frame })),
      expected: `${options.answer(f.target, director?.mac !== undefined ? formatMac(director.mac) : '<director MAC>')} within a second of each request`,
      seen: f.seen,
    });
  }

  function close(target: IpAddress, a: Attempt): void {
    attempts.delete(target);
    if (a.requests < FAILED_AFTER_REQUESTS) return;
    const span = (a.lastT - a.frames[0]!.t).toFixed(1);
    fail({
      target, asker: a.asker, frames: a.frames,
      seen: `${a.requests} requests ${options.describeRequests(target, a.asker)} in ${span} s, no ${options.protocol} from ${formatIp(target)} in any capture`,
    });
  }

  /** Closes the attempts of `capture` idle for longer than a retry gap: a scan must not fill the table. */
  function sweep(capture: number, t: number): void {
    for (const [target, a] of [...attempts]) if (a.capture === capture && t - a.lastT > RETRY_GAP_SECONDS) close(target, a);
  }

  return {
    request(s, target, asker) {
      if (s.t > nextSweep || attempts.size >= MAX_TARGETS) { sweep(s.capture, s.t); nextSweep = s.t + RETRY_GAP_SECONDS; }
      let a = attempts.get(target);
      if (a && s.capture !== a.capture) return; // the same request seen at another vantage point
      if (a && s.t - a.lastT > RETRY_GAP_SECONDS) { close(target, a); a = undefined; }
      if (!a) {
        if (attempts.size >= MAX_TARGETS) return;
        attempts.set(target, (a = { capture: s.capture, asker, requests: 0, lastT: s.t, frames: [] }));
      }
      a.requests++;
      a.lastT = s.t;
      if (a.frames.length < MAX_EVIDENCE) a.frames.push(s);
    },
    answered(target) {
      attempts.delete(target);
    },
    connectionTarget(target) {
      if (connectionTargets.size < MAX_TARGETS) connectionTargets.add(target);
    },
    unreachable(s, target, sender, what) {
      if (ctx.topology.isVip(sender) || target === sender) return;
      fail({ target, asker: sender, frames: [s], seen: `${what} for ${formatIp(target)} from ${formatIp(sender)}: it gave up resolving it` });
    },
    end() {
      for (const [target, a] of [...attempts]) close(target, a);
      // The VIPs may have become known after the failure (live watching re-infers them).
      for (const f of pending) if (qualifies(f.target)) report(f);
    },
  };
}
