// V8 settings for the CLI process, applied before anything else is evaluated. A flag on the
// `node` command line is not portable in a shebang, and re-executing node costs a start-up;
// these flags are read by the garbage collector as it runs, so setting them now takes effect.
// (Heap sizes are fixed when the process starts; how far the young generation grows is not.)
import { setFlagsFromString } from 'node:v8';
import { capYoungGeneration } from './young-generation.js';

// The analysis keeps the first 20,000 frames of every capture for the warm-up; V8 sees them
// survive and from then on allocates every decoded frame directly in the old generation
// ("pretenuring"), although later frames die young. Without it: ~3× less GC time and ~40 MB
// less memory on a million-frame capture (docs/performance.md).
setFlagsFromString('--no-allocation-site-pretenuring');
// The live state is small and bounded, but by default the old generation may double between
// full collections, so a long capture ends with more garbage than a short one: 190 MB instead
// of 130 MB for ten million frames, at the same speed.
setFlagsFromString('--heap-growing-percent=20');
// Two 8 MB semi-spaces instead of 16 MB ones (young-generation.ts).
capYoungGeneration();
