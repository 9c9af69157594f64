// Every test that produces a report validates it against schema/report.schema.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ReportJson } from '../../src/report/report-types.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schema', 'report.schema.json'), 'utf8')));

/** Schema violations as "path: message" lines; empty when the report is valid. */
export function reportSchemaErrors(report: ReportJson): string[] {
  // Validate what a consumer would parse, not the in-memory object.
  if (validate(JSON.parse(JSON.stringify(report)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
