import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

checkCases('capture/clock-offset', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'healthy-wrr', why: 'rs1 captured with a clock 3.25 s ahead', hosts: ['192.0.2.11'], noEvidence: true, prepare: () => fixtureVariant(join(FIXTURES, 'healthy-wrr'), { rs1: { shiftSeconds: 3.25 } }) }],
});
