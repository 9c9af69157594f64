// Why a local capture could not start, and the one line that tells the operator what to do.
// libpcap's own wording is matched because it is all the binding passes on.

import { escapeForTerminal } from '../report/escape.js';
import { CAP_INSTALL } from './cap-binding.js';

export type CaptureFailureKind = 'missing-binding' | 'permission' | 'no-device' | 'bad-filter' | 'failed';

export type CaptureFailure = { readonly kind: CaptureFailureKind; readonly detail: string };

export const SETCAP_COMMAND = 'setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which node))';

const PERMISSION = /operation not permitted|you don't have permission|permission denied|\bEPERM\b|\bEACCES\b/i;
const NO_DEVICE = /no such device|doesn't exist|does not exist|\bENODEV\b|\bENXIO\b/i;
const BAD_FILTER = /syntax error|can't parse filter|illegal token|unknown (host|port|protocol|network)|parse error|not a valid filter/i;

export function classifyOpenError(message: string): CaptureFailureKind {
  if (PERMISSION.test(message)) return 'permission';
  if (BAD_FILTER.test(message)) return 'bad-filter';
  if (NO_DEVICE.test(message)) return 'no-device';
  return 'failed';
}

/** The line printed (after "lvs-doctor: ") when capturing on `iface` cannot start. */
export function captureFailureText(iface: string, failure: CaptureFailure, filter?: string): string {
  const name = escapeForTerminal(iface);
  const detail = escapeForTerminal(failure.detail);
  switch (failure.kind) {
    case 'missing-binding':
      return `live capture needs the optional libpcap binding 'cap' (${detail}); install it: ${CAP_INSTALL}`;
    case 'permission':
      return `${name}: no permission to capture (${detail}); run as root or grant CAP_NET_RAW and CAP_NET_ADMIN: ${SETCAP_COMMAND}`;
    case 'no-device':
      return `${name}: no such interface (${detail}); \`ip -br link\` lists them`;
    case 'bad-filter':
      return `--filter '${escapeForTerminal(filter ?? '')}' is not a valid capture filter on ${name}: ${detail}`;
    case 'failed':
      return `${name}: cannot capture: ${detail}`;
  }
}
