// Text as people paste it from a terminal or a how-to: shell prompts (`[root@lb ~]#`,
// `user@host:~$`), several prompts collapsed onto one line, `#` comments, shell history
// numbers (`117 ipvsadm -A …`), `;`/`&&` chains, redirections and markdown fences. The
// result is a list of pieces, each one command or one run of output, with its line number.

export type TextPiece =
  | { readonly kind: 'text'; readonly line: number; readonly text: string; readonly afterPrompt: boolean }
  /** A line that is only a comment but contains a command, e.g. `# ipvsadm -a …`. */
  | { readonly kind: 'commented-command'; readonly line: number; readonly text: string }
  | { readonly kind: 'fence'; readonly line: number };

const PROMPT = /\[[^[\]\r\n]*@[^[\]\r\n]*\]\s?[#$]|(?<=^|\s)[\w.-]+@[\w.-]+:[^\s#$]*[#$](?=\s|$)|^\s*\$(?=\s)/g;
const FENCE = /^\s*(```|~~~)/;

/** `command`: the program whose commented-out invocations should be reported, e.g. "ipvsadm". */
export function splitPastedText(text: string, command: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const commented = new RegExp(`^#+\\s*(sudo\\s+)?(\\S*/)?${command}(\\s|$)`);
  const historyNumber = new RegExp(`^\\d+\\s+(?=(sudo\\s+)?(\\S*/)?${command}(\\s|$))`);
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (FENCE.test(raw)) {
      pieces.push({ kind: 'fence', line });
      return;
    }
    for (const { text: part, afterPrompt } of splitAtPrompts(raw)) {
      const trimmed = part.trim();
      if (trimmed.startsWith('#')) {
        if (commented.test(trimmed)) pieces.push({ kind: 'commented-command', line, text: trimmed });
        continue;
      }
      const uncommented = trimmed.replace(/\s#.*$/, '');
      for (const chained of uncommented.split(/\s*(?:;|&&|\|\|)\s*/)) {
        const clean = stripRedirection(chained.replace(historyNumber, '')).trim();
        if (clean !== '') pieces.push({ kind: 'text', line, text: clean, afterPrompt });
      }
    }
  });
  return pieces;
}

function splitAtPrompts(raw: string): { text: string; afterPrompt: boolean }[] {
  const parts: { text: string; afterPrompt: boolean }[] = [];
  let from = 0;
  let afterPrompt = false;
  for (const match of raw.matchAll(PROMPT)) {
    parts.push({ text: raw.slice(from, match.index), afterPrompt });
    from = match.index + match[0].length;
    afterPrompt = true;
  }
  parts.push({ text: raw.slice(from), afterPrompt });
  return parts;
}

// `ipvsadm -Sn > /etc/sysconfig/ipvsadm`, `ipvsadm -Ln | grep …`: keep the command only.
function stripRedirection(text: string): string {
  const cut = text.search(/\s(\d?>>?|\|)/);
  return cut < 0 ? text : text.slice(0, cut);
}
