import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpvsadm } from '../../src/config/ipvsadm.js';
import { formatIpv4, type Ipv4 } from '../../src/decode/addresses.js';
import { expectOk } from './readable.js';

const METHOD_FLAG = { dr: '-g', nat: '-m', tunnel: '-i' } as const;

const realServer = fc.record({
  ip: fc.integer({ min: 0x0a000001, max: 0x0affffff }),
  port: fc.integer({ min: 1, max: 65535 }),
  weight: fc.integer({ min: 0, max: 65535 }),
  method: fc.constantFrom('dr' as const, 'nat' as const, 'tunnel' as const),
});

const service = fc.record({
  vip: fc.integer({ min: 0xc0000201, max: 0xc00002fe }),
  port: fc.integer({ min: 1, max: 65535 }),
  scheduler: fc.constantFrom('rr', 'wrr', 'wlc', 'sh', 'mh'),
  timeout: fc.option(fc.integer({ min: 1, max: 86400 }), { nil: undefined }),
  servers: fc.uniqueArray(realServer, { selector: (rs) => rs.ip, maxLength: 6 }),
});

describe('parseIpvsadm: ipvsadm -S text written from random tables', () => {
  it('reads back what was written, with the DR/tunnel port rule applied', () => {
    fc.assert(
      fc.property(fc.uniqueArray(service, { selector: (s) => `${s.vip}:${s.port}`, minLength: 1, maxLength: 4 }), (table) => {
        const lines: string[] = [];
        for (const s of table) {
          const vip = `${formatIpv4(s.vip as Ipv4)}:${s.port}`;
          lines.push(`-A -t ${vip} -s ${s.scheduler}${s.timeout === undefined ? '' : ` -p ${s.timeout}`}`);
          for (const rs of s.servers) {
            lines.push(`-a -t ${vip} -r ${formatIpv4(rs.ip as Ipv4)}:${rs.port} ${METHOD_FLAG[rs.method]} -w ${rs.weight}`);
          }
        }
        const parsed = expectOk(parseIpvsadm(lines.join('\n'), 'save.txt'));
        expect(parsed.services.map((s) => ({
          vip: s.protocol === 'fwmark' ? 0 : s.vip, port: s.protocol === 'fwmark' ? 0 : s.port, scheduler: s.scheduler,
          timeout: s.persistence?.timeoutSeconds,
          servers: s.realServers.map((rs) => ({ ip: rs.ip, port: rs.port, weight: rs.weight, method: rs.method })),
        }))).toEqual(table.map((s) => ({
          vip: s.vip, port: s.port, scheduler: s.scheduler, timeout: s.timeout,
          servers: s.servers.map((rs) => ({ ...rs, port: rs.method === 'nat' ? rs.port : s.port })),
        })));
      }),
      { numRuns: 100 },
    );
  });
});
