// `--keepalived FILE`: the virtual servers and VRRP instances of a keepalived.conf. Keywords
// lvs-doctor has no use for (checkers, notification settings, scripts) are skipped; `include`
// is not followed.

import { type ConfigError, type ConfigResult, configFailed, configOk, type LineMessages } from './config-result.js';
import type { DeploymentConfig, ServiceConfig, VrrpInstanceConfig } from './deployment.js';
import { parseInteger } from './endpoint.js';
import { type Statement, parseKeepalivedSyntax } from './keepalived-syntax.js';
import { readVirtualServer } from './keepalived-virtual-server.js';
import { readVrrpInstance, type VrrpDefaults } from './keepalived-vrrp.js';

export function parseKeepalived(text: string, file: string): ConfigResult<DeploymentConfig> {
  const syntax = parseKeepalivedSyntax(text);
  const out: LineMessages = { errors: [...syntax.errors], notes: [] };
  const defaults = readGlobalDefaults(syntax.statements, out);
  const services: ServiceConfig[] = [];
  const vrrp: VrrpInstanceConfig[] = [];
  for (const statement of syntax.statements) {
    const keyword = statement.words[0];
    if (keyword === 'include') {
      out.notes.push({ line: statement.line, message: `include ${statement.words.slice(1).join(' ')} is not followed; pass that file with another --keepalived` });
    } else if (keyword === 'virtual_server_group') {
      out.notes.push({ line: statement.line, message: `virtual_server_group ${statement.words[1] ?? ''} is not read; describe its services with --topology` });
    } else if (keyword === 'virtual_server') {
      const service = readVirtualServer(statement, file, out);
      if (service !== undefined) services.push(service);
    } else if (keyword === 'vrrp_instance') {
      const instance = readVrrpInstance(statement, defaults, file, out);
      if (instance !== undefined) vrrp.push(instance);
    }
  }
  if (out.errors.length > 0) {
    return configFailed(out.errors.map((e): ConfigError => ({ file, line: e.line, message: e.message })));
  }
  if (services.length === 0 && vrrp.length === 0) out.notes.push({ line: 1, message: 'no virtual_server or vrrp_instance found' });
  const notes = out.notes.map((n) => `${file} line ${n.line}: ${n.message}`);
  return configOk({ services, hosts: [], vrrp, roles: [], notes });
}

function readGlobalDefaults(statements: readonly Statement[], out: LineMessages): VrrpDefaults {
  const defaults: VrrpDefaults = { version: 2, garpMasterDelay: undefined, garpMasterRepeat: undefined };
  for (const global of statements.filter((s) => s.words[0] === 'global_defs')) {
    for (const s of global.block ?? []) {
      const [keyword, value = ''] = s.words;
      if (keyword === 'vrrp_version') {
        if (value === '2' || value === '3') defaults.version = Number(value) as 2 | 3;
        else out.errors.push({ line: s.line, message: `vrrp_version must be 2 or 3, found '${value}'` });
      } else if (keyword === 'vrrp_garp_master_delay') {
        defaults.garpMasterDelay = parseInteger(value, 0, 86400) ?? defaults.garpMasterDelay;
      } else if (keyword === 'vrrp_garp_master_repeat') {
        defaults.garpMasterRepeat = parseInteger(value, 0, 65535) ?? defaults.garpMasterRepeat;
      }
    }
  }
  return defaults;
}
