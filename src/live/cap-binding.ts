// The optional `cap` libpcap binding. It is imported only by the capture process `watch`
// starts for each local interface (never by `analyze`), through a specifier TypeScript and
// bundlers do not follow, so a machine without it or without libpcap still runs everything else.

export type CapSession = {
  /** Opens the device and returns cap's link-type name ("ETHERNET", "LINKTYPE_LINUX_SLL", "Unknown linktype N", ...). */
  open(device: string, filter: string, bufferSize: number, buffer: Buffer): string;
  close(): void;
  /** One packet was copied into the shared buffer: `nbytes` bytes, overwritten by the next packet. */
  on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): unknown;
};

export type CapModule = { readonly Cap: new () => CapSession };

export type CapLoad = { readonly ok: true; readonly cap: CapModule } | { readonly ok: false; readonly detail: string };

export const CAP_INSTALL = 'apt-get install libpcap-dev && npm install cap';

const CAP_SPECIFIER = 'cap';

export async function loadCap(importCap: () => Promise<unknown> = () => import(CAP_SPECIFIER)): Promise<CapLoad> {
  let mod: unknown;
  try {
    mod = await importCap();
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
  // cap is CommonJS (`module.exports = addon`): ESM sees it as the default export.
  const m = mod as { default?: Partial<CapModule> } & Partial<CapModule>;
  const Cap = m.Cap ?? m.default?.Cap;
  if (typeof Cap !== 'function') return { ok: false, detail: 'the module loaded but has no Cap class' };
  return { ok: true, cap: { Cap } };
}

/** LINKTYPE_* number for cap's link-type name (cap names only five and spells out the rest). */
export function linkTypeOfCapName(name: string): number | undefined {
  switch (name) {
    case 'ETHERNET': return 1;
    case 'LINKTYPE_LINUX_SLL': return 113;
    case 'NULL': return 0;
    case 'RAW': return 101;
    case 'IEEE802_11_RADIO': return 127;
  }
  // "Unknown linktype N" carries the DLT, equal to the LINKTYPE for every value Linux uses here (SLL2 = 276).
  const m = /^Unknown linktype (\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Link types that hold only the sender's link-layer address (`any`-style cooked captures). */
export function isCookedLinkType(linkType: number): boolean {
  return linkType === 113 || linkType === 276;
}
