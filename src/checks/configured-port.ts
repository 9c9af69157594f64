// What the given configuration says about one VIP port. A table that lists some of a VIP's
// services and not this port says the port is closed on purpose; one that lists the port for the
// other protocol only says a service (DNS: UDP and TCP) is half configured.

import type { IpAddress } from '../decode/addresses.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';

export type ConfiguredPort = 'configured' | 'other-protocol' | 'not-configured' | 'unknown';

export function configuredPortOf(config: ConfiguredTopology, vip: IpAddress, protocol: 'tcp' | 'udp', port: number): ConfiguredPort {
  const services = config.services.filter((s) => s.vip === vip);
  if (services.length === 0) return 'unknown';
  if (services.some((s) => s.port === port && s.protocol === protocol)) return 'configured';
  return services.some((s) => s.port === port) ? 'other-protocol' : 'not-configured';
}

/**
 * An ICMP error from the director quoting a packet to a VIP port the table leaves closed (it
 * lists other services of that VIP): the director's stack or firewall turning away a port that
 * is not a service, as configured.
 */
export function quotesClosedPort(config: ConfiguredTopology, e: { readonly dst: IpAddress; readonly protocol: number; readonly dport?: number } | undefined): boolean {
  if (e?.dport === undefined || (e.protocol !== 6 && e.protocol !== 17)) return false;
  return configuredPortOf(config, e.dst, e.protocol === 6 ? 'tcp' : 'udp', e.dport) === 'not-configured';
}
