// `--vip IP`: a client's capture alone is checked once the VIP is named.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { ReportJson } from '../../src/report/report-types.js';
import { FIXTURES, fixtureExists } from '../support/check-fixture.js';
import { fakeIo } from '../support/fake-io.js';

const CLIENT = join(FIXTURES, 'vip-missing-on-rs', 'client.pcap');

async function analyze(args: string[]) {
  const io = fakeIo({ env: { CI: 'true' } });
  const code = await run(['analyze', '--format', 'json', ...args], io);
  return { code, io, report: io.stdout.text() ? JSON.parse(io.stdout.text()) as ReportJson : undefined };
}

describe.skipIf(!fixtureExists('vip-missing-on-rs'))('--vip', () => {
  it('without it, a client\'s capture alone finds no VIP', async () => {
    const { code, report } = await analyze([CLIENT]);
    expect(code).toBe(0);
    expect(report!.findings.map((f) => f.message.slice(0, 12))).toEqual(['Found no VIP']);
  });

  it('with it, the client\'s unanswered connections are reported, and the VIP says where it came from', async () => {
    const { code, report } = await analyze(['--vip', '192.0.2.100', CLIENT]);
    expect(code).toBe(1);
    expect(report!.topology.vips).toEqual([{ ip: '192.0.2.100', ports: [{ protocol: 'tcp', port: 80 }] }]);
    expect(report!.topology.evidence).toContain('VIP 192.0.2.100 from --vip');
    const failed = report!.findings.filter((f) => f.verdict === 'fail');
    expect(failed.map((f) => [f.check, f.hosts[0]?.ip])).toEqual([['service/unanswered', '198.51.100.10']]);
    expect(failed[0]!.evidence.length).toBeGreaterThan(0);
  });

  it('refuses what is not an address, naming it', async () => {
    const { code, io } = await analyze(['--vip', '192.0.2.300', CLIENT]);
    expect(code).toBe(2);
    expect(io.stderr.text()).toBe('lvs-doctor: --vip 192.0.2.300: not an IPv4 or IPv6 address\n');
  });
});
