// `--format sarif`: SARIF 2.1.0 for code-scanning dashboards and IDE viewers. One rule per
// check, one result per finding. A result's locations are packets: the capture file as the
// artifact, the record's byte offset as the region, and `capture#frame` as a logical location,
// since SARIF has no notion of a frame number.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckMeta } from '../checks/check-meta.js';
import { checkCatalog, type CatalogEntry } from './check-catalog.js';
import type { EvidenceJson, FindingJson, ReportJson, Severity } from './report-types.js';
import { wiresharkFilterFor } from './wireshark-filter.js';
import { filesOf } from './capture-files.js';

export type SarifOptions = {
  /** Base the docs paths are resolved against for `helpUri`; defaults to the package root. */
  readonly docsBaseUri?: string;
  readonly metas?: readonly CheckMeta[];
};

type Message = { readonly text: string };
type SarifLocation = {
  readonly id?: number;
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly index?: number };
    readonly region?: { readonly byteOffset: number };
  };
  readonly logicalLocations: readonly { readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }[];
  readonly message: Message;
  readonly properties: { readonly frame: number; readonly ts: string; readonly host?: string };
};

type SarifRule = {
  readonly id: string;
  readonly shortDescription: Message;
  readonly fullDescription?: Message;
  readonly help: Message;
  readonly helpUri: string;
  readonly defaultConfiguration?: { readonly level: SarifLevel };
  readonly properties: { readonly tags: readonly string[]; readonly docs: string };
};

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export type SarifLog = {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly unknown[];
};

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const PACKAGE_ROOT = new URL('../../', import.meta.url).href;

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

/** A capture file name as a URI reference: absolute paths become file URLs, others stay relative. */
export function captureUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function ruleOf(entry: CatalogEntry, base: string): SarifRule {
  const helpUri = new URL(entry.docs, base).href;
  const summary = entry.summary ?? `See ${entry.docs}.`;
  return {
    id: entry.id,
    shortDescription: { text: entry.title ?? entry.id },
    fullDescription: { text: summary },
    help: { text: entry.fix ? `${summary} Fix: ${entry.fix}` : summary },
    helpUri,
    ...(entry.severity ? { defaultConfiguration: { level: LEVEL[entry.severity] } } : {}),
    properties: { tags: [entry.id.split('/')[0] ?? entry.id], docs: entry.docs },
  };
}

function locationOf(e: EvidenceJson, artifactIndex: ReadonlyMap<string, number>, id?: number): SarifLocation {
  const index = artifactIndex.get(e.capture);
  return {
    ...(id === undefined ? {} : { id }),
    physicalLocation: {
      artifactLocation: { uri: captureUri(e.capture), ...(index === undefined ? {} : { index }) },
      ...(e.offset === undefined ? {} : { region: { byteOffset: e.offset } }),
    },
    logicalLocations: [{ name: `frame ${e.frame}`, fullyQualifiedName: `${e.capture}#${e.frame}`, kind: 'packet' }],
    message: { text: e.summary },
    properties: { frame: e.frame, ts: e.ts, ...(e.host === undefined ? {} : { host: e.host }) },
  };
}

function resultOf(f: FindingJson, ruleIndex: number, artifactIndex: ReadonlyMap<string, number>) {
  const [first, ...rest] = f.evidence;
  const filter = wiresharkFilterFor(f);
  const inconclusive = f.verdict === 'inconclusive';
  return {
    ruleId: f.check,
    ruleIndex,
    // SARIF's "open": the rule was evaluated but the data could not decide it; such results
    // must carry level "none".
    kind: inconclusive ? 'open' : 'fail',
    level: inconclusive ? 'none' : LEVEL[f.severity],
    message: { text: f.message },
    ...(first ? { locations: [locationOf(first, artifactIndex)] } : {}),
    ...(rest.length > 0 ? { relatedLocations: rest.map((e, i) => locationOf(e, artifactIndex, i + 1)) } : {}),
    occurrenceCount: Math.max(1, f.occurrences),
    properties: {
      severity: f.severity,
      verdict: f.verdict,
      expected: f.expected,
      seen: f.seen,
      fix: f.fix,
      hosts: f.hosts,
      docs: f.docs,
      ...(filter === undefined ? {} : { wiresharkFilter: filter }),
      ...(f.journey === undefined ? {} : { journey: f.journey }),
    },
  };
}

export function buildSarif(report: ReportJson, options: SarifOptions = {}): SarifLog {
  const base = options.docsBaseUri ?? PACKAGE_ROOT;
  const catalog = checkCatalog(report.findings, options.metas);
  const ruleIndex = new Map(catalog.map((entry, i) => [entry.id, i]));
  // One artifact per file: a rotated capture's evidence names its own files.
  const files = report.captures.flatMap((c) => filesOf(c).map((part) => ({ c, part })));
  const artifactIndex = new Map(files.map(({ part }, i) => [part.file, i]));
  const failed = files.filter(({ part }) => part.error);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          rules: catalog.map((entry) => ruleOf(entry, base)),
        },
      },
      invocations: [{
        executionSuccessful: failed.length === 0,
        toolExecutionNotifications: failed.map(({ part }) => ({
          level: 'error',
          message: { text: `${part.file}: unreadable after byte ${part.error!.offset}: ${part.error!.message}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: captureUri(part.file), index: artifactIndex.get(part.file)! }, region: { byteOffset: part.error!.offset } } }],
        })),
      }],
      artifacts: files.map(({ c, part }) => ({
        location: { uri: captureUri(part.file) },
        roles: ['analysisTarget'],
        properties: {
          role: c.role,
          linkType: c.linkTypeName,
          frames: part.frames,
          ...(c.host === undefined ? {} : { host: c.host }),
          ...(c.clockOffset === undefined ? {} : { clockOffset: c.clockOffset }),
        },
      })),
      results: report.findings.map((f) => resultOf(f, ruleIndex.get(f.check)!, artifactIndex)),
      properties: { topology: report.topology, summary: report.summary },
    }],
  };
}
