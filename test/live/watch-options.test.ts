// `watch` arguments: sources named like analyze's captures, stop conditions, and every
// mistake reported as one usage message.

import { describe, expect, it } from 'vitest';
import { parseWatchArgs, type WatchOptions } from '../../src/live/watch-options.js';

function options(argv: string[]): WatchOptions {
  const parsed = parseWatchArgs(argv);
  if (!parsed.ok || parsed.help) throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function problem(argv: string[]): string {
  const parsed = parseWatchArgs(argv);
  if (parsed.ok) throw new Error(`expected a usage error for ${argv.join(' ')}`);
  return parsed.message;
}

describe('parseWatchArgs', () => {
  it('takes interfaces, remote commands and streams, named and with roles from their names', () => {
    const o = options([
      'eth0', 'eth1', '--role', 'director=eth1', '--filter', 'arp or tcp port 80',
      '--remote', "rs1=ssh rs1 sudo tcpdump -U -w - -i eth0 'not port 22'", '--remote', 'edge=cat x.pcap',
      '--read', 'client=/tmp/client.fifo', '--read', 'rs2=-',
    ]);
    expect(o.interfaces).toEqual([
      { name: 'eth0', iface: 'eth0', filter: 'arp or tcp port 80' },
      { name: 'director', iface: 'eth1', filter: 'arp or tcp port 80', roleHint: 'director' },
    ]);
    expect(o.remotes).toEqual([
      { name: 'rs1', command: "ssh rs1 sudo tcpdump -U -w - -i eth0 'not port 22'", roleHint: 'real-server' },
      { name: 'edge', command: 'cat x.pcap' },
    ]);
    expect(o.reads).toEqual([
      { name: 'client', path: '/tmp/client.fifo', roleHint: 'client' },
      { name: 'rs2', path: '-', roleHint: 'real-server' },
    ]);
    expect(o.roles).toEqual(['director=eth1']);
  });

  it('adds an interface named only by --role, and keeps = signs inside a command', () => {
    const o = options(['--role', 'lb1=bond0', '--remote', 'rs1=tcpdump -w - -i eth0 "tcp[13]=2"']);
    expect(o.interfaces).toEqual([{ name: 'lb1', iface: 'bond0', filter: '', roleHint: 'director' }]);
    expect(o.remotes[0]!.command).toBe('tcpdump -w - -i eth0 "tcp[13]=2"');
  });

  it('reads stop conditions, output and configuration like analyze', () => {
    const o = options(['eth0', '--duration', '2.5', '--count', '1000', '--warmup', '8', '--format', 'json', '--fail-on', 'warning', '--write', 'out',
      '--ipvsadm', 'ipvs.txt', '--keepalived', 'k.conf', '--topology', 't.json', '-q']);
    expect(o).toMatchObject({
      durationMs: 2500, count: 1000, warmupMs: 8000, format: 'json', failOn: 'warning', writeDir: 'out', quiet: true,
      ipvsadm: ['ipvs.txt'], keepalived: ['k.conf'], topology: ['t.json'],
    });
    const defaults = options(['eth0']);
    expect(defaults.format).toBeUndefined();
    expect(defaults.failOn).toBe('error');
    expect(defaults.durationMs).toBeUndefined();
    expect(defaults.count).toBeUndefined();
  });

  it('answers --help', () => {
    expect(parseWatchArgs(['--help'])).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], /nothing to watch/],
    [['eth0', '--duration', '0'], /--duration takes a positive number/],
    [['eth0', '--duration', 'soon'], /--duration takes a positive number/],
    [['eth0', '--count', '1.5'], /--count takes a positive whole number/],
    [['eth0', '--warmup', '0'], /--warmup takes a positive number/],
    [['eth0', '--format', 'tui'], /unknown format 'tui'/],
    [['eth0', '--fail-on', 'sometimes'], /--fail-on takes/],
    [['--remote', 'rs1'], /expected NAME='COMMAND'/],
    [['--remote', 'rs1='], /nothing after '='/],
    [['--remote', '1rs=cat x'], /'1rs' is not a host name/],
    [['--read', 'a=-', '--read', 'b=-'], /only one --read can take stdin/],
    [['--remote', 'rs1=cat a', '--read', 'RS1=b'], /two sources are named 'RS1'/],
    [['eth0', 'eth0'], /interface 'eth0' is listed twice/],
    [['--role', 'web=eth0'], /cannot tell the role of 'web'/],
    [['--remote', 'rs1=cat a', '--filter', 'arp'], /--filter applies to local interfaces/],
    [['eth0', '--bogus'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(problem(argv)).toMatch(message);
  });
});
