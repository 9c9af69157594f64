// ipvsadm's command line, split the way popt splits it: bundled short options (`-Ln`,
// `-At 192.0.2.1:80`), long options with `=` or a separate value, and `-p` whose timeout is
// optional (taken only when the next word does not start with '-').

import type { Parsed } from './config-result.js';

type Arity = 'none' | 'required' | 'optional';

const LONG_OPTIONS: Readonly<Record<string, Arity>> = {
  'add-service': 'none', 'edit-service': 'none', 'delete-service': 'none', clear: 'none', list: 'none',
  zero: 'none', 'add-server': 'none', 'edit-server': 'none', 'delete-server': 'none', set: 'none',
  help: 'none', version: 'none', restore: 'none', save: 'none', 'start-daemon': 'required',
  'stop-daemon': 'required', 'tcp-service': 'required', 'udp-service': 'required',
  'sctp-service': 'required', 'fwmark-service': 'required', scheduler: 'required',
  persistent: 'optional', netmask: 'required', 'real-server': 'required', masquerading: 'none',
  ipip: 'none', gatewaying: 'none', weight: 'required', 'u-threshold': 'required',
  'l-threshold': 'required', numeric: 'none', connection: 'none', 'mcast-interface': 'required',
  'mcast-group': 'required', 'mcast-port': 'required', 'mcast-ttl': 'required',
  'mcast-pkt-len': 'required', syncid: 'required', timeout: 'none', daemon: 'none', stats: 'none',
  rate: 'none', thresholds: 'none', 'persistent-conn': 'none', nosort: 'none', sort: 'none',
  exact: 'none', ipv6: 'none', ops: 'none', pe: 'required', 'sched-flags': 'required',
  'tun-type': 'required', 'tun-port': 'required', 'tun-nocsum': 'none', 'tun-csum': 'none',
  'tun-remcsum': 'none',
};

const SHORT_OPTIONS: Readonly<Record<string, string>> = {
  A: 'add-service', E: 'edit-service', D: 'delete-service', C: 'clear', L: 'list', l: 'list',
  Z: 'zero', a: 'add-server', e: 'edit-server', d: 'delete-server', h: 'help', v: 'version',
  R: 'restore', S: 'save', t: 'tcp-service', u: 'udp-service', f: 'fwmark-service',
  s: 'scheduler', p: 'persistent', M: 'netmask', r: 'real-server', m: 'masquerading', i: 'ipip',
  g: 'gatewaying', w: 'weight', x: 'u-threshold', y: 'l-threshold', n: 'numeric', c: 'connection',
  X: 'exact', '6': 'ipv6', o: 'ops', b: 'sched-flags',
};

export type OptionUse = { readonly name: string; readonly value: string | undefined };

export type SplitOptions = {
  readonly options: readonly OptionUse[];
  /** Words from the first non-option on: --set's timeouts, or listing output pasted after `ipvsadm -Ln`. */
  readonly rest: readonly string[];
};

export function splitOptions(words: readonly string[]): Parsed<SplitOptions> {
  const options: OptionUse[] = [];
  let i = 0;
  const takeValue = (arity: Arity, inline: string | undefined, shown: string): Parsed<string | undefined> => {
    if (arity === 'none') {
      return inline === undefined ? { ok: true, value: undefined } : { ok: false, message: `${shown} takes no value` };
    }
    if (inline !== undefined) return { ok: true, value: inline };
    const next = words[i + 1];
    if (arity === 'optional') {
      if (next === undefined || next.startsWith('-')) return { ok: true, value: undefined };
    } else if (next === undefined) {
      return { ok: false, message: `${shown} needs a value` };
    }
    i++;
    return { ok: true, value: next };
  };
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (/^--[a-z]/.test(word)) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const arity = LONG_OPTIONS[name];
      if (arity === undefined) return { ok: false, message: `unknown option --${name}` };
      const value = takeValue(arity, eq < 0 ? undefined : word.slice(eq + 1), `--${name}`);
      if (!value.ok) return value;
      options.push({ name, value: value.value });
    } else if (/^-[A-Za-z0-9]/.test(word)) {
      // A bundle: flags until one that takes a value, which gets the rest of the word or the next word.
      for (let k = 1; k < word.length; k++) {
        const name = SHORT_OPTIONS[word[k]!];
        if (name === undefined) return { ok: false, message: `unknown option -${word[k]}` };
        const arity = LONG_OPTIONS[name]!;
        const inline = arity !== 'none' && k + 1 < word.length ? word.slice(k + 1) : undefined;
        const value = takeValue(arity, inline, `-${word[k]}`);
        if (!value.ok) return value;
        options.push({ name, value: value.value });
        if (inline !== undefined) break;
      }
    } else {
      break;
    }
  }
  return { ok: true, value: { options, rest: words.slice(i) } };
}
