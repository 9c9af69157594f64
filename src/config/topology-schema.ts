// The committed JSON Schema for --topology files (schema/topology.schema.json, shipped with
// the package), compiled once with ajv. `ip` and `mac` are formats of our own, checked with
// the same parsers the analyzer uses, so the schema accepts exactly what the code accepts.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseIp, parseMac } from '../decode/addresses.js';

/** Two folders up from src/config/ and from dist/config/ alike: the package root. */
export const TOPOLOGY_SCHEMA_URL = new URL('../../schema/topology.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

export function topologyValidator(): ValidateFunction {
  if (compiled === undefined) {
    // Loaded on first use: ajv costs ~50 ms of start-up, and only --topology needs it.
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    ajv.addFormat('ip', { type: 'string', validate: (text: string) => parseIp(text) !== undefined });
    ajv.addFormat('mac', { type: 'string', validate: (text: string) => parseMac(text) !== undefined });
    compiled = ajv.compile(JSON.parse(readFileSync(TOPOLOGY_SCHEMA_URL, 'utf8')) as object);
  }
  return compiled;
}

export type SchemaProblem = { readonly path: string; readonly message: string };

/** ajv's errors as "path: message" pairs, worded for people; the if/then/else wrappers dropped. */
export function describeSchemaErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  return errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => ({ path: e.instancePath === '' ? '/' : e.instancePath, message: wordError(e) }));
}

function wordError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params['additionalProperty'])}'`;
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'false schema':
      return 'is not allowed here';
    default:
      return e.message ?? e.keyword;
  }
}
