// The process `watch` starts for each local interface: `node capture-process.js IFACE FILTER`.
// It loads the libpcap binding, writes the packets to stdout as a pcap stream and reports the
// outcome of opening over IPC. A separate process because the binding aborts its whole process
// when an interface disappears; here that ends one source, not the watch.

import { loadCap } from './cap-binding.js';
import type { CaptureMessage } from './capture-protocol.js';
import { openInterfaceCapture } from './interface-capture.js';

function send(message: CaptureMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) { resolve(); return; }
    process.send(message, undefined, {}, () => resolve());
  });
}

async function fail(message: CaptureMessage): Promise<void> {
  await send(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const [iface = '', filter = ''] = process.argv.slice(2);
  const loaded = await loadCap();
  if (!loaded.ok) return fail({ type: 'failed', failure: { kind: 'missing-binding', detail: loaded.detail } });
  const opened = openInterfaceCapture(loaded.cap, { iface, filter, out: process.stdout });
  if (!opened.ok) return fail({ type: 'failed', failure: opened.failure });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    opened.capture.close();
    process.stdout.end(() => process.exit(0));
  };
  // The reader went away (EPIPE) or the parent asked us to stop, or died.
  process.stdout.on('error', () => { opened.capture.close(); process.exit(0); });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  await send({ type: 'ready', linkType: opened.capture.linkType });
}

await main();
