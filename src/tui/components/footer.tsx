import { clean } from '../../report/text.js';
import { seg, type Line } from '../lines.js';
import type { Theme } from '../theme.js';
import { StyledLine } from './styled-line.js';

export type FooterProps = {
  /** The filter being typed, or undefined. */
  readonly draft: string | undefined;
  readonly filter: string;
  /** Findings matching the draft (while typing) or the filter. */
  readonly matches: number;
  readonly total: number;
  readonly position: { readonly at: number; readonly of: number };
  readonly width: number;
  readonly theme: Theme;
};

export function footerLine({ draft, filter, matches, total, position }: Omit<FooterProps, 'width' | 'theme'>): Line {
  if (draft !== undefined) {
    return [
      seg('/', 'accent', { bold: true }),
      seg(clean(draft)),
      seg('▏', 'accent'),
      seg(`  ${matches} of ${total} match · Enter apply · Esc cancel`, 'muted'),
    ];
  }
  const where = position.of > 0 ? `${position.at}/${position.of}` : '0/0';
  return [
    seg(`${where} `, 'accent'),
    ...(filter ? [seg(`filter "${clean(filter)}" (${matches} of ${total}) `, 'warning')] : []),
    seg('j/k move · Enter detail · Tab view · / filter · ? help · q quit', 'muted'),
  ];
}

export function Footer({ width, theme, ...rest }: FooterProps) {
  return <StyledLine line={footerLine(rest)} width={width} theme={theme} />;
}
