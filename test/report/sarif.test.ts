import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CheckMeta } from '../../src/checks/check-meta.js';
import type { ReportJson } from '../../src/report/report-types.js';
import { buildSarif, captureUri } from '../../src/report/sarif.js';
import { requireFile } from '../support/external-tools.js';
import { hostileReport, manyFindingsReport, sampleReport } from '../support/sample-report.js';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const schemaPath = path.resolve(repoRoot, '../shared/schemas/sarif-schema-2.1.0.json');
const schemaFile = requireFile(schemaPath);

const META: CheckMeta = {
  id: 'arp/vip-answered-by-non-director',
  title: 'A host other than the director answered ARP for a VIP',
  severity: 'error',
  summary: 'Fires when an ARP reply for a VIP comes from a MAC that is not the director\'s.',
  why: 'The router then sends client traffic past the director.',
  fix: 'Set arp_ignore=1 and arp_announce=2 on the real servers.',
  docs: 'docs/checks/arp/vip-answered-by-non-director.md',
};
const UNUSED: CheckMeta = { ...META, id: 'port/vip-port-closed', title: 'Unused', docs: 'docs/checks/port/vip-port-closed.md' };

type Sarif = {
  runs: [{
    tool: { driver: { rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; kind: string; message: { text: string };
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { byteOffset: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
      relatedLocations?: unknown[] }[];
  }];
};

function sarifOf(report = sampleReport): Sarif {
  return JSON.parse(JSON.stringify(buildSarif(report, { metas: [META, UNUSED], docsBaseUri: 'https://example.org/lvs-doctor/' }))) as Sarif;
}

describe('sarif reporter', () => {
  it('has one rule per registered check and per check id in the findings', () => {
    const rules = sarifOf().runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([
      'arp/vip-answered-by-non-director', 'port/vip-port-closed',
      'arp/vip-announced-by-non-director', 'capture/clock-offset', 'forward/bypassed-director', 'return/via-director', 'service/refused-by-rs',
    ]);
    expect(rules[0]!.helpUri).toBe('https://example.org/lvs-doctor/docs/checks/arp/vip-answered-by-non-director.md');
    expect(rules[0]!.shortDescription.text).toBe(META.title);
  });

  it('has one result per finding with its level, message and packet locations', () => {
    const { results, tool } = sarifOf().runs[0];
    expect(results).toHaveLength(sampleReport.findings.length);
    const [answered] = results;
    expect(answered!.level).toBe('error');
    expect(tool.driver.rules[answered!.ruleIndex]!.id).toBe(answered!.ruleId);
    expect(answered!.locations![0]!.physicalLocation.artifactLocation.uri).toBe('router.pcap');
    expect(answered!.locations![0]!.physicalLocation.region).toEqual({ byteOffset: 264 });
    expect(answered!.locations![0]!.logicalLocations[0]!.fullyQualifiedName).toBe('router.pcap#3');
    expect(answered!.relatedLocations).toHaveLength(3);
    expect(results.map((r) => [r.ruleId, r.kind, r.level])).toContainEqual(['return/via-director', 'open', 'none']);
    expect(results.map((r) => [r.ruleId, r.level])).toContainEqual(['capture/clock-offset', 'note']);
    expect(results.map((r) => [r.ruleId, r.level])).toContainEqual(['forward/bypassed-director', 'warning']);
  });

  it('turns capture paths into URI references', () => {
    expect(captureUri('caps/rs 1.pcap')).toBe('caps/rs%201.pcap');
    expect(captureUri('/tmp/a b.pcapng')).toBe('file:///tmp/a%20b.pcapng');
    expect(captureUri('evil\u001b]0;x\u0007.pcap')).toBe('evil%1B%5D0%3Bx%07.pcap');
  });

  it('lists each file of a rotated capture as an artifact, with its own read error', () => {
    const rotated: ReportJson = {
      ...sampleReport,
      captures: sampleReport.captures.map((c) => (c.file !== 'rs1.pcap' ? c : {
        ...c, parts: [{ file: 'rs1.pcap', frames: 20 }, { file: 'rs1.pcap1', frames: 11, error: { offset: 900, message: 'record 12 is cut short' } }],
      })),
      findings: sampleReport.findings.map((f, i) => (i > 0 ? f : { ...f, evidence: f.evidence.map((e) => (e.capture === 'rs1.pcap' ? { ...e, capture: 'rs1.pcap1', frame: 3 } : e)) })),
    };
    type Location = { physicalLocation: { artifactLocation: { uri: string; index: number } } };
    type Run = {
      artifacts: { location: { uri: string }; properties: Record<string, unknown> }[];
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
      results: { locations: Location[]; relatedLocations: Location[] }[];
    };
    const run = (JSON.parse(JSON.stringify(buildSarif(rotated, { metas: [META] }))) as { runs: [Run] }).runs[0];
    expect(run.artifacts.map((a) => a.location.uri)).toEqual(['client.pcap', 'router.pcap', 'director.pcap', 'rs1.pcap', 'rs1.pcap1', 'rs2.pcap']);
    expect(run.artifacts[4]!.properties).toMatchObject({ host: 'rs1', frames: 11 });
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toEqual(['rs1.pcap1: unreadable after byte 900: record 12 is cut short']);
    const result = run.results[0]!;
    const cited = [...result.locations, ...result.relatedLocations].map((l) => l.physicalLocation.artifactLocation);
    expect(cited).toContainEqual({ uri: 'rs1.pcap1', index: 4 });
  });

  it.skipIf(schemaFile.skip)(`validates against the SARIF 2.1.0 schema ${schemaFile.label}`, () => {
    const Ajv04 = ajvDraft04.default;
    const ajv = new Ajv04({ allErrors: true, strict: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    for (const report of [sampleReport, hostileReport, manyFindingsReport(20)]) {
      const ok = validate(sarifOf(report));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    // The default helpUri base (the package root) is an absolute file URL.
    expect(validate(JSON.parse(JSON.stringify(buildSarif(sampleReport))))).toBe(true);
  });
});
