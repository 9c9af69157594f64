import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

checkCases('capture/truncated', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'healthy-wrr-snaplen', why: '-s 96 keeps every header' }],
  fail: [{ fixture: 'healthy-wrr', why: 'the director captured with a 40-byte snap length', hosts: ['192.0.2.2'], noEvidence: true, prepare: () => fixtureVariant(join(FIXTURES, 'healthy-wrr'), { director: { snapLen: 40 } }) }],
});
