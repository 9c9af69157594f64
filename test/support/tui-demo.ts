// Runs the TUI on the ARP flux sample report with the process's terminal, for the tmux
// end-to-end test (test/tui/tmux-e2e.test.ts compiles and starts it). Exit code 0 after q.

import { processIo } from '../../src/cli/cli-io.js';
import { runTui } from '../../src/tui/run-tui.js';
import { sampleReport } from './sample-report.js';

await runTui(sampleReport, processIo());
process.stdout.write('tui-demo: quit\n');
