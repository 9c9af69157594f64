import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';
import { mergeInterfaces } from '../../support/merge-interfaces.js';

const HOSTS = ['client', 'router', 'director', 'rs1', 'rs2'];

/** The fixture's captures in one file, on one interface (plain mergecap) or one interface each (-I none). */
function merged(fixture: string, oneInterface: boolean): () => Promise<string> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-merged-'));
    await mergeInterfaces(HOSTS.map((h) => ({ name: h, file: join(FIXTURES, fixture, `${h}.pcap`) })), join(dir, 'all.pcapng'), oneInterface);
    return dir;
  };
}

checkCases('capture/merged-vantages', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'vip-missing-on-rs', why: 'SYNs retransmitted to a real server that drops them' },
    { fixture: 'healthy-wrr', why: 'every host merged into one file, one interface each (mergecap -I none)', prepare: merged('healthy-wrr', false) },
  ],
  fail: [
    { fixture: 'healthy-wrr', why: 'every host merged into one interface (plain mergecap)', hosts: ['-'], verdict: 'inconclusive', prepare: merged('healthy-wrr', true) },
    { fixture: 'arp-flux', why: 'every host merged into one interface (plain mergecap)', hosts: ['-'], verdict: 'inconclusive', prepare: merged('arp-flux', true) },
  ],
});
