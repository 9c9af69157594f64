// Caps V8's young generation at two 8 MB semi-spaces instead of 16 MB ones, without a node
// command-line flag (not portable in a shebang; re-executing node costs a second process).
// The semi-space size is fixed at start-up, but how far the new space grows is read as it
// grows: the new space starts at 1 MB and doubles while much of it survives scavenges, so
// once it has reached the cap, a growth factor of 1 keeps it there. A busy director's
// analysis keeps every packet for a second or two, so the young generation always grows to
// its limit; at 8 MB it runs as fast and peaks ~17 MB lower (docs/performance.md, "Memory").
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Both semi-spaces together, as V8 reports the new space's size. */
const NEW_SPACE_CAP_BYTES = 2 * 8 * 2 ** 20;
const POLL_MS = 20;

function newSpaceBytes(): number | undefined {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
}

/**
 * Watches the new space and stops its growth at the cap. Growth from 8 to 16 MB takes 8 MB
 * surviving scavenges after the previous step, tens of milliseconds of analysis at least, so
 * the poll sees the cap first; were it late, the heap is just as large as without the cap.
 */
export function capYoungGeneration(): void {
  if (newSpaceBytes() === undefined) return;
  const timer = setInterval(() => {
    if ((newSpaceBytes() ?? 0) < NEW_SPACE_CAP_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    clearInterval(timer);
  }, POLL_MS);
  // Never what keeps the process alive.
  timer.unref();
}
