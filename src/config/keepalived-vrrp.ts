// A keepalived `vrrp_instance NAME { … }` block, with keepalived's defaults: priority 100,
// advert_int 1 s, VRRP version from global_defs' vrrp_version (2 unless set).

import { type IpAddress, parseIp } from '../decode/addresses.js';
import type { LineMessages } from './config-result.js';
import type { VrrpInstanceConfig } from './deployment.js';
import { parseInteger } from './endpoint.js';
import type { Statement } from './keepalived-syntax.js';

export const VRRP_DEFAULT_PRIORITY = 100;
export const VRRP_DEFAULT_ADVERT_INT_SECONDS = 1;
// A VRRPv2 PASS advert carries 8 bytes of authentication data; keepalived sends the first 8.
const V2_AUTH_DATA_LENGTH = 8;

export type VrrpDefaults = { version: 2 | 3; garpMasterDelay: number | undefined; garpMasterRepeat: number | undefined };

export function readVrrpInstance(statement: Statement, defaults: VrrpDefaults, file: string, out: LineMessages): VrrpInstanceConfig | undefined {
  const name = statement.words[1] ?? '';
  const error = (at: Statement, message: string): void => {
    out.errors.push({ line: at.line, message: `vrrp_instance ${name}: ${message}` });
  };
  const instance: Partial<VrrpInstanceConfig> & { vips: IpAddress[]; unicastPeers: IpAddress[] } = { vips: [], unicastPeers: [] };
  let authPassLine = 0;
  for (const s of statement.block ?? []) {
    const [keyword = '', value] = s.words;
    const integer = (min: number, max: number): number | undefined => {
      const n = value === undefined ? undefined : parseInteger(value, min, max);
      if (n === undefined) error(s, `${keyword} needs an integer from ${min} to ${max}, found '${value ?? ''}'`);
      return n;
    };
    switch (keyword) {
      case 'state':
        if (value === 'MASTER' || value === 'BACKUP') instance.state = value;
        else error(s, `state must be MASTER or BACKUP, found '${value ?? ''}'`);
        break;
      case 'interface':
        if (value !== undefined) instance.interface = value;
        break;
      case 'virtual_router_id':
        instance.vrid = integer(1, 255);
        break;
      case 'priority':
        instance.priority = integer(1, 255);
        break;
      case 'advert_int': {
        const seconds = Number(value);
        if (value !== undefined && /^\d+(\.\d+)?$/.test(value) && seconds > 0) instance.advertIntSeconds = seconds;
        else error(s, `advert_int needs a positive number of seconds, found '${value ?? ''}'`);
        break;
      }
      case 'version':
        if (value === '2' || value === '3') instance.version = Number(value) as 2 | 3;
        else error(s, `version must be 2 or 3, found '${value ?? ''}'`);
        break;
      case 'authentication':
        authPassLine = readAuthentication(s, instance, error) ?? authPassLine;
        break;
      case 'virtual_ipaddress':
      case 'virtual_ipaddress_excluded':
        readAddresses(s, instance.vips, error, true);
        break;
      case 'unicast_peer':
        readAddresses(s, instance.unicastPeers, error, false);
        break;
      case 'unicast_src_ip': {
        const ip = value === undefined ? undefined : parseIp(value);
        if (ip === undefined) error(s, `unicast_src_ip '${value ?? ''}' is not an address`);
        else instance.unicastSrcIp = ip;
        break;
      }
      case 'use_vmac':
        instance.useVmac = true;
        break;
      case 'garp_master_delay':
        instance.garpMasterDelay = integer(0, 86400);
        break;
      case 'garp_master_repeat':
        instance.garpMasterRepeat = integer(0, 65535);
        break;
      default:
        break;
    }
  }
  if (instance.vrid === undefined) {
    if (!statement.block?.some((s) => s.words[0] === 'virtual_router_id')) error(statement, 'no virtual_router_id');
    return undefined;
  }
  const version = instance.version ?? defaults.version;
  if (authPassLine > 0 && version === 2 && instance.authType === 'PASS' && (instance.authPass?.length ?? 0) > V2_AUTH_DATA_LENGTH) {
    out.notes.push({ line: authPassLine, message: `vrrp_instance ${name}: auth_pass is longer than ${V2_AUTH_DATA_LENGTH} characters; adverts carry only the first ${V2_AUTH_DATA_LENGTH}` });
  }
  const garpMasterDelay = instance.garpMasterDelay ?? defaults.garpMasterDelay;
  const garpMasterRepeat = instance.garpMasterRepeat ?? defaults.garpMasterRepeat;
  return {
    name,
    vrid: instance.vrid,
    priority: instance.priority ?? VRRP_DEFAULT_PRIORITY,
    ...(instance.state === undefined ? {} : { state: instance.state }),
    ...(instance.interface === undefined ? {} : { interface: instance.interface }),
    advertIntSeconds: instance.advertIntSeconds ?? VRRP_DEFAULT_ADVERT_INT_SECONDS,
    version,
    ...(instance.authType === undefined ? {} : { authType: instance.authType }),
    ...(instance.authPass === undefined ? {} : { authPass: instance.authPass }),
    vips: instance.vips,
    unicastPeers: instance.unicastPeers,
    ...(instance.unicastSrcIp === undefined ? {} : { unicastSrcIp: instance.unicastSrcIp }),
    ...(instance.useVmac === true ? { useVmac: true } : {}),
    ...(garpMasterDelay === undefined ? {} : { garpMasterDelay }),
    ...(garpMasterRepeat === undefined ? {} : { garpMasterRepeat }),
    source: `${file} line ${statement.line}`,
  };
}

/** Returns the line of auth_pass, if any. */
function readAuthentication(
  statement: Statement,
  instance: Partial<VrrpInstanceConfig>,
  error: (at: Statement, message: string) => void,
): number | undefined {
  let passLine: number | undefined;
  for (const s of statement.block ?? []) {
    const [keyword, value] = s.words;
    if (keyword === 'auth_type') {
      if (value === 'PASS' || value === 'AH') instance.authType = value;
      else error(s, `auth_type must be PASS or AH, found '${value ?? ''}'`);
    } else if (keyword === 'auth_pass' && value !== undefined) {
      instance.authPass = value;
      passLine = s.line;
    }
  }
  return passLine;
}

// One address per line: `192.0.2.100/32 dev eth0 label eth0:1`, `2001:db8::1/64`, `10.0.0.2`.
function readAddresses(
  statement: Statement,
  into: IpAddress[],
  error: (at: Statement, message: string) => void,
  allowPrefix: boolean,
): void {
  for (const s of statement.block ?? []) {
    const first = s.words[0] ?? '';
    const [address = '', prefix] = allowPrefix ? first.split('/') : [first];
    const ip = parseIp(address);
    const prefixOk = prefix === undefined || parseInteger(prefix, 0, 128) !== undefined;
    if (ip === undefined || !prefixOk) error(s, `${statement.words[0]}: '${first}' is not an address`);
    else into.push(ip);
  }
}
