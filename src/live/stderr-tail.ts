// The last few KiB a source process wrote to stderr: shown (escaped) when it dies, never
// while it runs, and bounded so a chatty command cannot grow memory.

export const STDERR_TAIL_BYTES = 4096;

export type StderrTail = {
  push(chunk: Uint8Array): void;
  /** The kept text, trimmed; the first line may start mid-way. */
  text(): string;
};

export function createStderrTail(limit = STDERR_TAIL_BYTES): StderrTail {
  let kept = Buffer.alloc(0);
  return {
    push(chunk) {
      const joined = Buffer.concat([kept, chunk]);
      kept = joined.length > limit ? joined.subarray(joined.length - limit) : joined;
    },
    text: () => kept.toString('utf8').trim(),
  };
}
