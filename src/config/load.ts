// The deployment inputs of `lvs-doctor analyze`, read and merged in increasing priority:
// --ipvsadm, --keepalived, --topology, --role. Every file is read even when an earlier one
// failed, so one run reports every problem.

import { type ConfigError, type ConfigResult, configFailed, configOk } from './config-result.js';
import { type DeploymentConfig, EMPTY_DEPLOYMENT, type HostConfig, mergeDeployments, type RoleCapture } from './deployment.js';
import { parseIpvsadm } from './ipvsadm.js';
import { parseKeepalived } from './keepalived.js';
import { parseRoleOption } from './roles.js';
import { parseTopologyFile } from './topology-file.js';

export type DeploymentOptions = {
  readonly ipvsadm?: readonly string[];
  readonly keepalived?: readonly string[];
  readonly topology?: readonly string[];
  /** `NAME=FILE` values of --role. */
  readonly roles?: readonly string[];
};

export type ReadTextFile = (path: string) => Promise<string>;

type FileParser = (text: string, file: string) => ConfigResult<DeploymentConfig>;

export async function loadDeployment(options: DeploymentOptions, readFile: ReadTextFile): Promise<ConfigResult<DeploymentConfig>> {
  const inputs: [readonly string[] | undefined, FileParser][] = [
    [options.ipvsadm, parseIpvsadm],
    [options.keepalived, parseKeepalived],
    [options.topology, parseTopologyFile],
  ];
  const results = await Promise.all(
    inputs.flatMap(([files, parse]) => (files ?? []).map((file) => readAndParse(file, parse, readFile))),
  );
  results.push(rolesDeployment(options.roles ?? []));
  const errors: ConfigError[] = results.flatMap((r) => (r.ok ? [] : r.errors));
  if (errors.length > 0) return configFailed(errors);
  return configOk(mergeDeployments(results.flatMap((r) => (r.ok ? [r.value] : []))));
}

async function readAndParse(file: string, parse: FileParser, readFile: ReadTextFile): Promise<ConfigResult<DeploymentConfig>> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (e) {
    return configFailed([{ file, message: describeReadError(e) }]);
  }
  return parse(text, file);
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}

function rolesDeployment(values: readonly string[]): ConfigResult<DeploymentConfig> {
  const errors: ConfigError[] = [];
  const roles: RoleCapture[] = [];
  const hosts: HostConfig[] = [];
  for (const value of values) {
    const parsed = parseRoleOption(value);
    if (!parsed.ok) {
      errors.push({ file: '--role', message: parsed.message });
      continue;
    }
    roles.push({ name: parsed.value.name, file: parsed.value.file });
    hosts.push({ name: parsed.value.name, role: parsed.value.role });
  }
  if (errors.length > 0) return configFailed(errors);
  return configOk({ ...EMPTY_DEPLOYMENT, roles, hosts });
}
