import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

const onlyPort80 = { onlyTcpPort: 80 };

checkCases('capture/clock-offset', {
  pass: [
    { fixture: 'healthy-wrr' },
    // The director's capture is empty: the others are aligned to each other, not left unaligned.
    {
      fixture: 'arp-flux', why: 'captured with tcp port 80, the director\'s capture empty',
      prepare: () => fixtureVariant(join(FIXTURES, 'arp-flux'), { client: onlyPort80, director: onlyPort80, router: onlyPort80, rs1: onlyPort80, rs2: onlyPort80 }),
    },
  ],
  fail: [{ fixture: 'healthy-wrr', why: 'rs1 captured with a clock 3.25 s ahead', hosts: ['192.0.2.11'], noEvidence: true, prepare: () => fixtureVariant(join(FIXTURES, 'healthy-wrr'), { rs1: { shiftSeconds: 3.25 } }) }],
});
