// Everything a command touches outside itself, so tests can run commands in-process.

export type TextSink = {
  write(text: string): boolean | void;
  /**
   * UTF-8 bytes, where the sink takes them (a process stream); otherwise callers write text.
   * `written` runs once the bytes are out, after which the caller may reuse the buffer.
   */
  writeBytes?(bytes: Uint8Array, written: () => void): void;
  /** Resolves when the sink can take more (stdout backpressure). */
  drain?(): Promise<void>;
  readonly isTTY: boolean;
  readonly columns?: number;
  readonly rows?: number;
};

export type CliIo = {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
};

function sinkOf(stream: NodeJS.WriteStream): TextSink {
  return {
    write: (text) => stream.write(text),
    writeBytes: (bytes, written) => { stream.write(bytes, () => written()); },
    drain: () => new Promise((resolve) => {
      if (!stream.writableNeedDrain) { resolve(); return; }
      stream.once('drain', () => resolve());
    }),
    get isTTY() { return stream.isTTY === true; },
    get columns() { return stream.columns; },
    get rows() { return stream.rows; },
  };
}

export function processIo(): CliIo {
  return {
    stdout: sinkOf(process.stdout),
    stderr: sinkOf(process.stderr),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Writes and waits for the sink to drain when it asks us to. */
export async function writeOut(sink: TextSink, text: string): Promise<void> {
  if (sink.write(text) === false && sink.drain) await sink.drain();
}

/**
 * writeOut for UTF-8 bytes (whole lines: never a character split in two); resolves when they
 * are written, so the buffer can be reused.
 */
export async function writeBytesOut(sink: TextSink, bytes: Uint8Array): Promise<void> {
  const writeBytes = sink.writeBytes;
  if (!writeBytes) return writeOut(sink, new TextDecoder().decode(bytes));
  await new Promise<void>((resolve) => writeBytes(bytes, resolve));
}
