import { formatIp, type IpAddress } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { createAdvertTracker } from './adverts.js';

const VRRP_GROUP_V4 = 0xe0000012; // 224.0.0.18
const VRRP_GROUP_V6 = 'ff02::12';

export default defineCheck({
  meta: {
    id: 'vrrp/bad-advert',
    title: 'VRRP adverts that peers will reject or misread',
    severity: 'error',
    summary: 'Fires for multicast VRRP adverts with a TTL (hop limit) other than 255, and when peers of one VRID disagree on the VRRP version or the authentication, or advertise the same VIPs under different VRIDs.',
    why: 'keepalived drops multicast adverts whose TTL is not 255 (they crossed a router) and adverts with another version or authentication, so the peers cannot hear each other and both become master.',
    fix: 'Keep the directors on one segment (no router between them), and configure identical virtual_router_id, vrrp_version and authentication on every peer.',
    docs: 'docs/checks/vrrp/bad-advert.md',
    messages: {
      ttl: '{{source}} sends VRRP adverts for VRID {{vrid}} with TTL {{ttl}}: peers drop multicast adverts whose TTL is not 255.',
      version: '{{source}} advertises VRID {{vrid}} with VRRP version {{version}}, its peer {{peer}} with version {{peerVersion}}.',
      auth: '{{source}} and {{peer}} advertise VRID {{vrid}} with different authentication.',
      vrid: '{{source}} advertises {{vips}} as VRID {{vrid}}, {{peer}} as VRID {{peerVrid}}.',
    },
  },
  sightingKinds: ['vrrp'],
  create(ctx) {
    const adverts = createAdvertTracker(ctx.captures);
    const style = new Map<number, Map<IpAddress, { version: number; auth: string; vips: string }>>();
    return {
      sighting(s) {
        const ev = adverts.observe(s);
        if (!ev) return;
        const ip = s.frame.ip!, a = ev.advert, src = formatIp(ip.src);
        const label = (x: IpAddress) => `${ctx.topology.hostByIp(x)?.name ?? formatIp(x)} (${formatIp(x)})`;
        const host = [{ ip: ip.src, ...(ev.from.mac !== undefined ? { mac: ev.from.mac } : {}) }];
        const evidence = [{ capture: s.capture, frame: s.frame }];
        const multicast = ip.dst === VRRP_GROUP_V4 || ip.dst === VRRP_GROUP_V6;
        if (multicast && ip.ttl !== 255) {
          ctx.report({ messageId: 'ttl', data: { source: label(ip.src), vrid: a.vrid, ttl: ip.ttl }, key: `ttl|${src}`, hosts: host, evidence, expected: 'TTL 255', seen: `TTL ${ip.ttl}` });
        }
        const mine = { version: a.version, auth: `${a.authType ?? '-'}:${a.authDataHex ?? ''}`, vips: a.addresses.map(formatIp).sort().join(',') };
        let peers = style.get(a.vrid);
        if (!peers) style.set(a.vrid, (peers = new Map()));
        if (!peers.has(ip.src) && peers.size < 16) peers.set(ip.src, mine);
        for (const [peerIp, p] of peers) {
          if (peerIp === ip.src) continue;
          if (p.version !== mine.version) {
            ctx.report({ messageId: 'version', data: { source: label(ip.src), vrid: a.vrid, version: mine.version, peer: label(peerIp), peerVersion: p.version }, key: `version|${a.vrid}`, hosts: host, evidence, expected: `version ${p.version} like ${formatIp(peerIp)}`, seen: `version ${mine.version}` });
          } else if (mine.version === 2 && p.auth !== mine.auth) {
            ctx.report({ messageId: 'auth', data: { source: label(ip.src), peer: label(peerIp), vrid: a.vrid }, key: `auth|${a.vrid}`, hosts: host, evidence, expected: 'the same auth_type and auth_pass on every peer', seen: 'different authentication' });
          }
        }
        for (const [vrid, others] of style) {
          if (vrid === a.vrid || !mine.vips) continue;
          for (const [peerIp, p] of others) {
            if (peerIp === ip.src || p.vips !== mine.vips) continue;
            ctx.report({ messageId: 'vrid', data: { source: label(ip.src), vips: mine.vips, vrid: a.vrid, peer: label(peerIp), peerVrid: vrid }, key: `vrid|${mine.vips}`, hosts: host, evidence, expected: `one VRID for ${mine.vips}`, seen: `VRIDs ${a.vrid} and ${vrid}` });
          }
        }
      },
    };
  },
});
