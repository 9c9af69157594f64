// Turns the analysis result into the report every output renders. This is where numbers
// become text: addresses are formatted, hosts named, evidence frames summarised.

import { formatIp, formatMac, type IpAddress, type Mac } from '../decode/addresses.js';
import type { CaptureView, EvidenceRef, HostRef } from '../checks/check-api.js';
import { docsPathOf } from '../checks/check-meta.js';
import type { Connection } from '../correlate/connections.js';
import { srcMacOf, dstMacOf, type Sighting } from '../correlate/sighting.js';
import type { HostInfo, TopologyView } from '../correlate/topology.js';
import type { CaptureError } from '../io/capture-error.js';
import { isSequenceReader, partOfFrame } from '../io/read-sequence.js';
import { formatTimestamp } from '../report/format-time.js';
import { summarizeFrame } from '../report/frame-summary.js';
import { linkTypeName } from '../report/link-type-name.js';
import type {
  ArpTimelineJson, CaptureJson, DistributionJson, EvidenceJson, FailoverEventJson, FindingJson, HostJson, JourneyJson, ReportJson, TopologyJson,
} from '../report/report-types.js';
import { VERSION } from '../version.js';
import type { AnalysisResult } from './engine.js';
import { formatMessage, type FindingAggregate } from './findings.js';
import type { FailoverEvent } from './observations.js';

function hostJson(h: HostInfo): HostJson {
  const ip = h.ips[0];
  return {
    name: h.name, role: h.role,
    ...(ip !== undefined ? { ip: formatIp(ip) } : {}),
    ...(h.mac !== undefined ? { mac: formatMac(h.mac) } : {}),
    ...(h.otherMacs?.length ? { otherMacs: h.otherMacs.map(formatMac) } : {}),
  };
}

function hostRefJson(ref: HostRef, topology: TopologyView): HostJson {
  const known = topology.hostByMac(ref.mac) ?? topology.hostByIp(ref.ip);
  if (known) {
    const j = hostJson(known);
    return ref.ip !== undefined && !known.ips.includes(ref.ip) ? { ...j, ip: formatIp(ref.ip) } : j;
  }
  return {
    role: 'unknown',
    ...(ref.ip !== undefined ? { ip: formatIp(ref.ip), name: formatIp(ref.ip) } : {}),
    ...(ref.mac !== undefined ? { mac: formatMac(ref.mac) } : {}),
  };
}

/**
 * The file and frame number a user opens to see a frame: a rotated capture numbers its frames
 * across its files, each of which counts from 1 (the frame's file offset is already its own file's).
 */
function frameRef(r: AnalysisResult, capture: number, frame: number): { readonly capture: string; readonly frame: number } {
  const reader = r.sources[capture]!.input.reader;
  const inPart = isSequenceReader(reader) ? partOfFrame(reader.parts, frame) : undefined;
  return inPart ? { capture: inPart.file, frame: inPart.frame } : { capture: r.captures[capture]!.file, frame };
}

function evidenceJson(e: EvidenceRef, r: AnalysisResult): EvidenceJson {
  const c = r.captures[e.capture]!;
  const f = e.frame;
  const at = frameRef(r, e.capture, f.frame);
  return {
    capture: at.capture, host: c.name, frame: at.frame, offset: f.fileOffset,
    ts: formatTimestamp(f.tsSec, f.tsNsec), summary: summarizeFrame(f),
  };
}

function vantageOf(s: Sighting, captures: readonly CaptureView[], topology: TopologyView): string {
  const c = captures[s.capture]!;
  if (c.role === 'director') {
    if (topology.isDirectorMac(srcMacOf(s)) && c.hostMac === srcMacOf(s)) return `${c.name} out`;
    if (c.hostMac !== undefined && dstMacOf(s) === c.hostMac) return `${c.name} in`;
  }
  return c.name;
}

function journeyOf(conn: Connection, r: AnalysisResult): JourneyJson {
  const { captures, topology } = r;
  const sightings = [...conn.firstRequest, ...conn.replies.slice(0, 8)];
  const t0 = Math.min(...sightings.map((s) => s.t + (captures[s.capture]!.clockOffset ?? 0)));
  const hops = sightings.map((s) => ({
    vantage: vantageOf(s, captures, topology),
    ...frameRef(r, s.capture, s.frame.frame),
    t: Number((s.t + (captures[s.capture]!.clockOffset ?? 0) - t0).toFixed(6)),
    summary: summarizeFrame(s.frame),
    seen: true,
  }));
  // Mark the vantage points that should have seen the request and did not.
  const seenAt = new Set(conn.firstRequest.map((s) => s.capture));
  for (const c of captures) {
    if (seenAt.has(c.index)) continue;
    const expected = c.role === 'client' || c.role === 'router' || c.role === 'director'
      || (c.role === 'real-server' && c.hostMac !== undefined && conn.realServerMacs.includes(c.hostMac));
    if (expected) hops.push({ vantage: c.name, capture: c.file, summary: 'request not seen here', seen: false } as typeof hops[number]);
  }
  const proto = conn.protocol;
  return { connection: `${formatIp(conn.clientIp)}:${conn.clientPort} > ${formatIp(conn.vip)}:${conn.vport}/${proto}`, hops };
}

function findingJson(a: FindingAggregate, r: AnalysisResult): FindingJson {
  const d = a.first;
  const meta = a.check.meta;
  const message = formatMessage(meta.messages[d.messageId] ?? d.messageId, d.data);
  return {
    check: meta.id,
    severity: meta.severity,
    verdict: d.verdict ?? 'fail',
    message,
    hosts: d.hosts.map((h) => hostRefJson(h, r.topology)),
    evidence: a.evidence.map((e) => evidenceJson(e, r)),
    occurrences: a.occurrences,
    expected: d.expected,
    seen: d.seen,
    fix: d.fix ?? meta.fix,
    docs: docsPathOf(meta.id),
    ...(d.connection ? { journey: journeyOf(d.connection, r) } : {}),
  };
}

function captureJson(c: CaptureView, r: AnalysisResult): CaptureJson {
  const src = r.sources[c.index]!;
  const reader = src.input.reader;
  const label = src.input.interfaceLabel;
  const sequence = isSequenceReader(reader) ? reader : undefined;
  const translation = r.translations[c.index];
  // A capture of one interface of the file has only that interface's counters.
  const stats = reader.stats;
  const drops = stats.reduce((n, s) => n + Number(s.ifDrop ?? 0n) + Number(s.osDrop ?? 0n), 0);
  const linkType = src.counters.linkType >= 0 ? src.counters.linkType : (reader.interfaces[0]?.linkType ?? -1);
  return {
    file: c.file, host: c.name, ...(label !== undefined ? { interface: label } : {}), role: c.role,
    // A pcapng file without an interface description (no packet either) has no link type.
    ...(linkType >= 0 ? { linkType } : {}), linkTypeName: linkTypeName(linkType),
    destinationMacs: c.linkKind === 'ethernet', frames: src.counters.frames,
    ...(c.clockOffset !== undefined ? { clockOffset: Number(c.clockOffset.toFixed(6)) } : {}),
    truncatedFrames: src.counters.cut,
    ...(stats.length ? { drops } : {}),
    ...(sequence ? {} : reader.error ? { error: errorJson(reader.error) } : {}),
    ...(sequence ? { parts: sequence.parts.map((p) => ({ file: p.file, frames: p.frames, ...(p.error ? { error: errorJson(p.error) } : {}) })) } : {}),
    ...(translation ? { addressTranslation: translation.summary } : {}),
  };
}

function errorJson(e: CaptureError): { readonly offset: number; readonly message: string } {
  return { offset: e.offset, message: e.message };
}

function topologyJson(t: TopologyView): TopologyJson {
  return {
    vips: t.vips.map((v) => ({ ip: formatIp(v.ip), ports: v.ports, ...(v.scheduler ? { scheduler: v.scheduler } : {}) })),
    directors: t.directors.map((h) => ({ ...hostJson(h), ...(h.tunnelsTo?.length ? { tunnelsTo: h.tunnelsTo.map(formatIp) } : {}) })),
    realServers: t.realServers.map((h) => ({ ...hostJson(h), ...(h.weight !== undefined ? { weight: h.weight } : {}) })),
    clients: t.clients.map(hostJson),
    routers: t.routers.map(hostJson),
    evidence: t.evidence,
  };
}

function arpTimelineJson(r: AnalysisResult): ArpTimelineJson[] {
  return [...r.observations.arp].map(([vip, events]) => ({
    vip: formatIp(vip),
    events: events.map((e) => {
      const host = r.topology.hostByMac(e.mac);
      return {
        ts: formatTimestamp(e.sighting.frame.tsSec, e.sighting.frame.tsNsec), ...frameRef(r, e.sighting.capture, e.sighting.frame.frame),
        mac: formatMac(e.mac), ...(host ? { host: host.name } : {}), kind: e.kind,
      };
    }),
  }));
}

function distributionJson(r: AnalysisResult): DistributionJson[] {
  return r.observations.distribution.map((d) => {
    const servers: { ip?: string; mac?: string; weight?: number; connections: number }[] = [];
    const seen = new Set<Mac>();
    for (const rs of r.topology.realServers) {
      if (rs.mac !== undefined) seen.add(rs.mac);
      servers.push({
        ...(rs.ips[0] !== undefined ? { ip: formatIp(rs.ips[0]) } : {}),
        ...(rs.mac !== undefined ? { mac: formatMac(rs.mac) } : {}),
        ...(rs.weight !== undefined ? { weight: rs.weight } : {}),
        connections: rs.mac !== undefined ? (d.perMac.get(rs.mac) ?? 0) : 0,
      });
    }
    // Others: a director serving connections itself (LocalNode), a host no configuration lists.
    for (const [mac, n] of d.perMac) {
      if (seen.has(mac)) continue;
      const host = r.topology.hostByMac(mac);
      const ip = host?.ips[0];
      servers.push({
        ...(ip !== undefined ? { ip: formatIp(ip) } : {}), mac: formatMac(mac),
        ...(host?.weight !== undefined ? { weight: host.weight } : {}), connections: n,
      });
    }
    const scheduler = r.topology.vips.find((v) => v.ip === d.vip)?.scheduler;
    return { vip: formatIp(d.vip as IpAddress), protocol: d.protocol, port: d.port, ...(scheduler ? { scheduler } : {}), servers };
  });
}

function failoverJson(r: AnalysisResult): FailoverEventJson[] {
  const aligned = (e: FailoverEvent) => e.sighting.t + (r.captures[e.sighting.capture]!.clockOffset ?? 0);
  return [...r.observations.failover].sort((a, b) => aligned(a) - aligned(b)).map((e) => {
    const host = r.topology.hostByMac(e.mac) ?? r.topology.hostByIp(e.ip);
    return {
      ts: formatTimestamp(e.sighting.frame.tsSec, e.sighting.frame.tsNsec), ...frameRef(r, e.sighting.capture, e.sighting.frame.frame),
      kind: e.kind, ...(e.vrid !== undefined ? { vrid: e.vrid } : {}), ...(host ? { host: host.name } : {}),
      ...(e.mac !== undefined ? { mac: formatMac(e.mac) } : {}), ...(e.ip !== undefined ? { ip: formatIp(e.ip) } : {}),
      detail: e.detail,
    };
  });
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function buildReport(r: AnalysisResult): ReportJson {
  const findings = r.findings.map((a) => findingJson(a, r)).sort((x, y) =>
    SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || x.check.localeCompare(y.check));
  const count = (sev: string) => findings.filter((f) => f.severity === sev && f.verdict === 'fail').length;
  return {
    version: 1,
    tool: { name: 'lvs-doctor', version: VERSION },
    captures: r.captures.map((c) => captureJson(c, r)),
    topology: topologyJson(r.topology),
    findings,
    arpTimeline: arpTimelineJson(r),
    failover: failoverJson(r),
    distribution: distributionJson(r),
    summary: {
      errors: count('error'), warnings: count('warning'), infos: count('info'),
      inconclusive: findings.filter((f) => f.verdict === 'inconclusive').length,
      frames: r.frames, captures: r.captures.length,
    },
  };
}
