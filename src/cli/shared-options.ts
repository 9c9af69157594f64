// Options `analyze` and `watch` share: how findings set the exit code, the deployment's
// configuration, and quiet progress. One definition keeps their spelling and defaults equal.

export const SHARED_OPTIONS = {
  'fail-on': { type: 'string', default: 'error' },
  ipvsadm: { type: 'string', multiple: true, default: [] as string[] },
  keepalived: { type: 'string', multiple: true, default: [] as string[] },
  topology: { type: 'string', multiple: true, default: [] as string[] },
  role: { type: 'string', multiple: true, default: [] as string[] },
  vip: { type: 'string', multiple: true, default: [] as string[] },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
