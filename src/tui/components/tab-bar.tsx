import { seg, type Line } from '../lines.js';
import type { Theme } from '../theme.js';
import { VIEW_TITLE, VIEWS, type View } from '../view-content.js';
import { StyledLine } from './styled-line.js';

export type TabBarProps = {
  readonly focus: 'list' | 'view';
  readonly view: View;
  readonly width: number;
  readonly theme: Theme;
};

export function tabLine(focus: 'list' | 'view', view: View): Line {
  const tabs: { title: string; active: boolean }[] = [
    { title: 'Findings', active: focus === 'list' },
    ...VIEWS.map((v) => ({ title: VIEW_TITLE[v], active: focus === 'view' && v === view })),
  ];
  // Brackets mark the active tab without colour; inverse adds emphasis where styles exist.
  return tabs.flatMap((t) => [t.active ? seg(`[${t.title}]`, 'accent', { bold: true, inverse: true }) : seg(` ${t.title} `, 'muted'), seg(' ')]);
}

export function TabBar({ focus, view, width, theme }: TabBarProps) {
  return <StyledLine line={tabLine(focus, view)} width={width} theme={theme} />;
}
