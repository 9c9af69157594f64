// The ports of a VIP that the report shows as its services. The topology lists every port
// clients asked for; on a site operators probe (ssh to the director on VIP:2222, `nc -z VIP 443`)
// those include ports no real server serves. Where connections were seen reaching real servers,
// those ports are the VIP's services; otherwise every port asked for is shown.

import type { ReportJson, ServicePortJson, VipJson } from './report-types.js';

export function balancedPorts(report: Pick<ReportJson, 'topology' | 'distribution'>, vip: VipJson): readonly ServicePortJson[] {
  const servers = new Set(report.topology.realServers.flatMap((h) => [h.mac, h.ip]).filter((x): x is string => x !== undefined));
  const served = report.distribution.filter((d) => d.vip === vip.ip && d.servers.some((s) => s.connections > 0 && ((s.mac !== undefined && servers.has(s.mac)) || (s.ip !== undefined && servers.has(s.ip)))));
  const ports = vip.ports.filter((p) => served.some((d) => d.protocol === p.protocol && d.port === p.port));
  // No served port among those listed (a firewall-mark or port-0 service): all of them.
  return ports.length > 0 ? ports : vip.ports;
}
