import { describe, expect, it } from 'vitest';
import { inferRoleFromName, parseRoleOption } from '../../src/config/roles.js';

describe('parseRoleOption (--role NAME=FILE)', () => {
  it.each([
    ['client=c.pcap', 'client', 'client'],
    ['client2=c2.pcapng', 'client2', 'client'],
    ['router=r.pcap', 'router', 'router'],
    ['gw=g.pcap', 'gw', 'router'],
    ['gateway1=g.pcap', 'gateway1', 'router'],
    ['director=d.pcap', 'director', 'director'],
    ['director2=d2.pcap', 'director2', 'director'],
    ['lb1=l.pcap', 'lb1', 'director'],
    ['ds-a=ds.pcap', 'ds-a', 'director'],
    ['rs1=rs1.pcap', 'rs1', 'real-server'],
    ['RS2=rs2.pcap', 'RS2', 'real-server'],
    ['real_web=w.pcap', 'real_web', 'real-server'],
  ])('%s → %s is a %s', (value, name, role) => {
    const parsed = parseRoleOption(value);
    expect(parsed).toEqual({ ok: true, value: { name, file: value.slice(value.indexOf('=') + 1), role } });
  });

  it('keeps everything after the first = as the file, which may contain = itself', () => {
    expect(parseRoleOption('rs1=/captures/a=b.pcap')).toMatchObject({ ok: true, value: { file: '/captures/a=b.pcap' } });
  });

  it('rejects a name with no known prefix, listing the accepted prefixes', () => {
    expect(parseRoleOption('web1=w.pcap')).toEqual({
      ok: false,
      message: "--role web1=w.pcap: cannot tell the role of 'web1'; start the name with client*, router*/gw*, director*/lb*/ds*, rs*/real*",
    });
  });

  it.each([
    ['director.pcap', /expected NAME=FILE/],
    ['rs1=', /no capture file/],
    ['=rs1.pcap', /is not a host name/],
    ['1rs=a.pcap', /is not a host name/],
  ])('rejects %s', (value, message) => {
    const parsed = parseRoleOption(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('infers nothing from an unknown name', () => {
    expect(inferRoleFromName('backend')).toBeUndefined();
  });
});
