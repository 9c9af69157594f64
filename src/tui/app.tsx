// Composition only: state from the reducer, keys from use-keys, pixels from the components.

import { Box, Text, useApp } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import type { ReportJson } from '../report/report-types.js';
import { ArpTimeline } from './components/arp-timeline.js';
import { DistributionChart } from './components/distribution-chart.js';
import { FindingDetail } from './components/finding-detail.js';
import { FindingList } from './components/finding-list.js';
import { Footer } from './components/footer.js';
import { HelpOverlay } from './components/help-overlay.js';
import { JourneyView } from './components/journey-view.js';
import { SummaryBar } from './components/summary-bar.js';
import { TabBar } from './components/tab-bar.js';
import { TopologyView } from './components/topology-view.js';
import { draftMatches, initialState, layoutOf, reduce, selectedFinding, selectionPosition, type TuiState } from './state.js';
import { createTheme, type Theme } from './theme.js';
import { useKeys } from './use-keys.js';

export type AppProps = {
  readonly report: ReportJson;
  readonly columns: number;
  readonly rows: number;
  readonly color: boolean;
};

function CurrentView({ state, width, height, theme }: { readonly state: TuiState; readonly width: number; readonly height: number; readonly theme: Theme }) {
  const common = { width, height, offset: state.viewScroll, theme };
  switch (state.view) {
    case 'detail': return <FindingDetail finding={selectedFinding(state)} {...common} />;
    case 'journey': return <JourneyView finding={selectedFinding(state)} report={state.report} {...common} />;
    case 'arp': return <ArpTimeline report={state.report} {...common} />;
    case 'distribution': return <DistributionChart report={state.report} {...common} />;
    case 'topology': return <TopologyView report={state.report} {...common} />;
  }
}

function emptyText(state: TuiState): string {
  if (state.report.findings.length === 0) {
    const s = state.report.summary;
    return `No findings: nothing wrong was seen in ${s.captures} capture${s.captures === 1 ? '' : 's'} (${s.frames} frames).`;
  }
  return 'No finding matches the filter. Press / to change it or Esc to clear it.';
}

export function App({ report, columns, rows, color }: AppProps) {
  const [state, dispatch] = useReducer(reduce, { report, columns, rows }, (init) => initialState(init.report, init));
  const { exit } = useApp();
  const theme = useMemo(() => createTheme(color), [color]);
  useKeys(dispatch);
  useEffect(() => { dispatch({ type: 'resized', columns, rows }); }, [columns, rows]);
  useEffect(() => { if (state.quit) exit(); }, [state.quit, exit]);

  const layout = layoutOf(state);
  const list = (width: number) => (
    <FindingList
      findings={report.findings} rows={state.rows} cursor={state.cursor} scrollTop={state.scrollTop}
      width={width} height={layout.bodyHeight} focused={state.focus === 'list'} emptyText={emptyText(state)} theme={theme}
    />
  );
  let body;
  if (state.help) body = <HelpOverlay width={layout.columns} height={layout.bodyHeight} theme={theme} />;
  else if (layout.wide) {
    body = (
      <Box>
        {list(layout.listWidth)}
        <Box width={1} height={layout.bodyHeight}><Text color={theme.colorOf('muted')}>{'│\n'.repeat(layout.bodyHeight).trimEnd()}</Text></Box>
        <CurrentView state={state} width={layout.paneWidth} height={layout.bodyHeight} theme={theme} />
      </Box>
    );
  } else if (state.focus === 'list') body = list(layout.columns);
  else body = <CurrentView state={state} width={layout.columns} height={layout.bodyHeight} theme={theme} />;

  return (
    <Box flexDirection="column" width={layout.columns}>
      <SummaryBar report={report} width={layout.columns} theme={theme} />
      <TabBar focus={state.focus} view={state.view} width={layout.columns} theme={theme} />
      {body}
      <Footer
        draft={state.draft} filter={state.filter} matches={draftMatches(state)} total={report.findings.length}
        position={selectionPosition(state)} width={layout.columns} theme={theme}
      />
    </Box>
  );
}
