const NAMES: Readonly<Record<number, string>> = {
  0: 'NULL', 1: 'ETHERNET', 12: 'RAW', 14: 'RAW', 101: 'RAW', 108: 'LOOP', 113: 'LINUX_SLL', 228: 'IPV4', 229: 'IPV6', 276: 'LINUX_SLL2',
};

export function linkTypeName(linkType: number): string {
  return NAMES[linkType] ?? (linkType < 0 ? 'unknown' : `LINKTYPE_${linkType}`);
}
