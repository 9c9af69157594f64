// A director that is also a real server of its own service (LocalNode, fixtures/director-localnode):
// the connections it serves itself count for it in the report's distribution, with the weight the
// configuration gives it by its own address or by 127.0.0.1.

import { describe, expect, it } from 'vitest';
import { analyzeFixture, fixtureExists } from '../support/check-fixture.js';
import { LOCAL_AS_LOOPBACK } from '../support/local-node-tables.js';

describe.skipIf(!fixtureExists('director-localnode'))('LocalNode in the distribution', () => {
  it.each([['-r DIP', { ipvsadm: true }], ['-r 127.0.0.1', { ipvsadmText: LOCAL_AS_LOOPBACK }]] as const)('counts the director\'s own connections (%s)', async (_, run) => {
    const r = await analyzeFixture('director-localnode', run);
    expect(r.distribution.map((d) => d.servers.map((s) => [s.ip, s.weight, s.connections]))).toEqual([[
      ['192.0.2.12', 1, 3], ['192.0.2.11', 1, 3], ['192.0.2.2', 1, 3],
    ]]);
    expect(r.findings).toEqual([]);
  });
});
