import { describe, expect, it } from 'vitest';
import { balancedPorts } from '../../src/report/balanced-ports.js';
import { analyzeFixture, fixtureExists } from '../support/check-fixture.js';

describe.skipIf(!fixtureExists('healthy-operator-probes'))('balancedPorts', () => {
  it('leaves out ports only probed or served by the director itself', async () => {
    const report = await analyzeFixture('healthy-operator-probes');
    const vip = report.topology.vips[0]!;
    // The director's own ssh on VIP:2222 and a refused probe of VIP:443 were asked for too.
    expect(vip.ports.map((p) => p.port)).toEqual([80, 2222, 443]);
    expect(balancedPorts(report, vip)).toEqual([{ protocol: 'tcp', port: 80 }]);
  });

  it('keeps every port asked for when no connection was seen reaching a real server', async () => {
    const report = await analyzeFixture('healthy-operator-probes');
    const vip = report.topology.vips[0]!;
    expect(balancedPorts({ ...report, distribution: [] }, vip)).toEqual(vip.ports);
    // Only the director's own connections (on 2222) were seen.
    const directorOnly = report.distribution.filter((d) => d.port === 2222);
    expect(directorOnly.length).toBe(1);
    expect(balancedPorts({ ...report, distribution: directorOnly }, vip)).toEqual(vip.ports);
  });
});
