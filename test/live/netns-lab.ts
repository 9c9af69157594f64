// A throwaway DR-shaped network for the watch tests, made only of network namespaces: a
// switch namespace holding a Linux bridge, and client, director and two real-server
// namespaces, each with eth0 on a veth whose peer is a bridge port. Nothing is created in the
// namespace the tests run in, every command has a time limit, and destroy() removes it all.
//
//   client 192.0.2.10   director 192.0.2.2   rs1 192.0.2.11   rs2 192.0.2.12   VIP 192.0.2.100
//   rs1 carries the fault: the VIP on eth0 with arp_ignore=0, so it answers ARP for it.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const HOSTS = {
  client: '192.0.2.10',
  director: '192.0.2.2',
  rs1: '192.0.2.11',
  rs2: '192.0.2.12',
} as const;
export const VIP = '192.0.2.100';
export type Host = keyof typeof HOSTS;

const COMMAND_TIMEOUT_MS = 10_000;

export type Lab = {
  readonly ns: (host: Host) => string;
  readonly macOf: (host: Host) => string;
  /** Runs a command in a host's namespace and returns its stdout (throws on failure or timeout). */
  run(host: Host, argv: readonly string[], timeoutMs?: number): string;
  /** Starts a long-running command in a host's namespace; destroy() kills it if still running. */
  start(host: Host, argv: readonly string[]): ChildProcess;
  destroy(): void;
};

function ip(args: readonly string[]): string {
  return execFileSync('ip', [...args], { timeout: COMMAND_TIMEOUT_MS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createLab(): Lab {
  const id = `lvsd-${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
  const ns = (host: Host | 'switch') => `${id}-${host}`;
  const created: string[] = [];
  const children: ChildProcess[] = [];
  const inNs = (host: Host | 'switch', argv: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS) =>
    execFileSync('ip', ['netns', 'exec', ns(host), ...argv], { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  const lab: Lab = {
    ns,
    macOf: (host) => inNs(host, ['cat', '/sys/class/net/eth0/address']).trim(),
    run: (host, argv, timeoutMs) => inNs(host, argv, timeoutMs),
    start(host, argv) {
      const child = spawn('ip', ['netns', 'exec', ns(host), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return child;
    },
    destroy() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const name of created.reverse()) {
        // Anything still running inside one of our namespaces is ours: end it, then delete the namespace.
        try {
          for (const pid of ip(['netns', 'pids', name]).split('\n').filter(Boolean)) {
            try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ }
          }
        } catch { /* namespace already gone */ }
        try { ip(['netns', 'del', name]); } catch { /* already gone */ }
      }
    },
  };

  try {
    for (const host of ['switch', 'client', 'director', 'rs1', 'rs2'] as const) {
      ip(['netns', 'add', ns(host)]);
      created.push(ns(host));
      inNs(host, ['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
      ip(['-n', ns(host), 'link', 'set', 'lo', 'up']);
    }
    ip(['-n', ns('switch'), 'link', 'add', 'br0', 'type', 'bridge']);
    ip(['-n', ns('switch'), 'link', 'set', 'br0', 'up']);
    for (const host of Object.keys(HOSTS) as Host[]) {
      const port = `p-${host}`;
      ip(['-n', ns(host), 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', port, 'netns', ns('switch')]);
      ip(['-n', ns('switch'), 'link', 'set', port, 'master', 'br0', 'up']);
      ip(['-n', ns(host), 'addr', 'add', `${HOSTS[host]}/24`, 'dev', 'eth0']);
      ip(['-n', ns(host), 'link', 'set', 'eth0', 'up']);
      // Checksums filled in by the sender's stack, so a frame re-sent from a raw socket is valid.
      inNs(host, ['ethtool', '-K', 'eth0', 'tx', 'off']);
    }
    // The fault: rs1 holds the VIP where it answers ARP. rs2 is set up as DR wants it.
    ip(['-n', ns('rs1'), 'addr', 'add', `${VIP}/32`, 'dev', 'eth0']);
    inNs('rs1', ['sysctl', '-qw', 'net.ipv4.conf.all.arp_ignore=0', 'net.ipv4.conf.eth0.arp_ignore=0']);
    ip(['-n', ns('rs2'), 'addr', 'add', `${VIP}/32`, 'dev', 'lo']);
    inNs('rs2', ['sysctl', '-qw', 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2']);
    // The client sends VIP traffic to the director whatever the ARP replies say.
    ip(['-n', ns('client'), 'neigh', 'replace', VIP, 'lladdr', lab.macOf('director'), 'dev', 'eth0', 'nud', 'permanent']);
  } catch (err) {
    lab.destroy();
    throw err;
  }
  return lab;
}
