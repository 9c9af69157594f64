import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

checkCases('capture/truncated', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'healthy-wrr-snaplen', why: 'every vantage captured with -s 96', hosts: ['192.0.2.1', '192.0.2.11', '192.0.2.12', '192.0.2.2', '198.51.100.10'], verdict: 'inconclusive', noEvidence: true }, { fixture: 'healthy-wrr', why: 'the director captured with a 40-byte snap length', hosts: ['192.0.2.2'], verdict: 'inconclusive', noEvidence: true, prepare: () => fixtureVariant(join(FIXTURES, 'healthy-wrr'), { director: { snapLen: 40 } }) }],
});
