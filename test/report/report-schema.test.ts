// schema/report.schema.json and src/report/report-types.ts describe the same shape. The
// Presence tables below fail to compile when a field is added, removed or changes between
// optional and required in the types; the tests then compare them with the schema.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type * as T from '../../src/report/report-types.js';
import { emptyReport, hostileReport, manyFindingsReport, sampleReport } from '../support/sample-report.js';

const schemaPath = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  required: string[];
  properties: Record<string, unknown>;
  definitions: Record<string, { required?: string[]; properties?: Record<string, unknown>; additionalProperties?: boolean }>;
};

type Presence<O> = { readonly [K in keyof O]-?: object extends Pick<O, K> ? 'optional' : 'required' };

const report = {
  version: 'required', tool: 'required', captures: 'required', topology: 'required', findings: 'required',
  arpTimeline: 'required', distribution: 'required', failover: 'required', summary: 'required',
} satisfies Presence<T.ReportJson>;

const definitions = {
  host: { name: 'optional', ip: 'optional', mac: 'optional', otherMacs: 'optional', role: 'required' } satisfies Presence<T.HostJson>,
  realServer: { name: 'optional', ip: 'optional', mac: 'optional', otherMacs: 'optional', role: 'required', weight: 'optional' } satisfies Presence<T.RealServerJson>,
  evidence: { capture: 'required', host: 'optional', frame: 'required', offset: 'optional', ts: 'required', summary: 'required' } satisfies Presence<T.EvidenceJson>,
  journeyHop: { vantage: 'required', capture: 'optional', frame: 'optional', t: 'optional', summary: 'required', seen: 'required' } satisfies Presence<T.JourneyHopJson>,
  journey: { connection: 'required', hops: 'required' } satisfies Presence<T.JourneyJson>,
  finding: {
    check: 'required', severity: 'required', verdict: 'required', message: 'required', hosts: 'required', evidence: 'required',
    occurrences: 'required', expected: 'required', seen: 'required', fix: 'required', docs: 'required',
    wiresharkFilter: 'optional', journey: 'optional',
  } satisfies Presence<T.FindingJson>,
  capture: {
    file: 'required', host: 'optional', interface: 'optional', role: 'required', linkType: 'optional', linkTypeName: 'required', destinationMacs: 'required',
    frames: 'required', clockOffset: 'optional', truncatedFrames: 'required', drops: 'optional', error: 'optional', parts: 'optional',
    addressTranslation: 'optional',
  } satisfies Presence<T.CaptureJson>,
  addressTranslation: { kind: 'required', captured: 'required', director: 'required', portsKept: 'optional' } satisfies Presence<T.AddressTranslationJson>,
  capturePart: { file: 'required', frames: 'required', error: 'optional' } satisfies Presence<T.CapturePartJson>,
  servicePort: { protocol: 'required', port: 'required' } satisfies Presence<T.ServicePortJson>,
  vip: { ip: 'required', ports: 'required', scheduler: 'optional' } satisfies Presence<T.VipJson>,
  topology: { vips: 'required', directors: 'required', realServers: 'required', clients: 'required', routers: 'required', evidence: 'required' } satisfies Presence<T.TopologyJson>,
  arpEvent: { ts: 'required', capture: 'required', frame: 'required', mac: 'required', host: 'optional', kind: 'required' } satisfies Presence<T.ArpEventJson>,
  arpTimeline: { vip: 'required', events: 'required' } satisfies Presence<T.ArpTimelineJson>,
  distributionServer: { ip: 'optional', mac: 'optional', weight: 'optional', connections: 'required' } satisfies Presence<T.DistributionJson['servers'][number]>,
  distribution: { vip: 'required', protocol: 'required', port: 'required', scheduler: 'optional', servers: 'required' } satisfies Presence<T.DistributionJson>,
  failoverEvent: { ts: 'required', capture: 'required', frame: 'required', kind: 'required', vrid: 'optional', host: 'optional', mac: 'optional', ip: 'optional', detail: 'required' } satisfies Presence<T.FailoverEventJson>,
  summary: { errors: 'required', warnings: 'required', infos: 'required', inconclusive: 'required', frames: 'required', captures: 'required' } satisfies Presence<T.SummaryJson>,
} as const;

function requiredOf(table: Record<string, 'required' | 'optional'>): string[] {
  return Object.keys(table).filter((k) => table[k] === 'required').sort();
}

function compile() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(schema);
}

describe('report schema', () => {
  it('has the same top-level fields as ReportJson', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(report).sort());
    expect([...schema.required].sort()).toEqual(requiredOf(report));
  });

  it.each(Object.entries(definitions))('definition %s has the fields of its type', (name, table) => {
    const def = schema.definitions[name];
    expect(def, name).toBeDefined();
    expect(Object.keys(def!.properties ?? {}).sort()).toEqual(Object.keys(table).sort());
    expect([...(def!.required ?? [])].sort()).toEqual(requiredOf(table));
    expect(def!.additionalProperties).toBe(false);
  });

  it.each([
    ['the ARP flux sample', sampleReport],
    ['200 findings', manyFindingsReport()],
    ['hostile strings', hostileReport],
    ['no findings', emptyReport],
  ])('accepts %s', (_name, value) => {
    const validate = compile();
    const ok = validate(JSON.parse(JSON.stringify(value)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects unknown fields and bad values', () => {
    const validate = compile();
    const finding = sampleReport.findings[0]!;
    expect(validate({ ...sampleReport, extra: 1 })).toBe(false);
    expect(validate({ ...sampleReport, findings: [{ ...finding, severity: 'fatal' }] })).toBe(false);
    expect(validate({ ...sampleReport, findings: [{ ...finding, evidence: [{ ...finding.evidence[0], ts: '12.5' }] }] })).toBe(false);
    expect(validate({ ...sampleReport, findings: [{ ...finding, colour: 'red' }] })).toBe(false);
  });
});
