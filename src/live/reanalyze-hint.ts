// The analyze command line that re-checks what --write saved: the same configuration, and
// --role NAME=FILE for every source whose name gave it a role, so hosts keep names and roles.

export type SavedSource = { readonly name: string; readonly file: string; readonly hasRole: boolean };

export type SavedConfiguration = {
  readonly ipvsadm: readonly string[];
  readonly keepalived: readonly string[];
  readonly topology: readonly string[];
};

/** Quotes a word for /bin/sh when it holds anything but plain path characters. */
function shellWord(word: string): string {
  return /^[\w./=:@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function reanalyzeCommand(saved: readonly SavedSource[], config: SavedConfiguration): string {
  const words = [
    'lvs-doctor', 'analyze',
    ...config.ipvsadm.flatMap((f) => ['--ipvsadm', f]),
    ...config.keepalived.flatMap((f) => ['--keepalived', f]),
    ...config.topology.flatMap((f) => ['--topology', f]),
    ...saved.flatMap((s) => (s.hasRole ? ['--role', `${s.name}=${s.file}`] : [s.file])),
  ];
  return words.map(shellWord).join(' ');
}
