// What the capture process does with the binding: open one interface, then turn every packet
// into a pcap record written to `out`. The record is built inside the packet callback, which
// is the copy out of the binding's shared buffer before the next packet overwrites it.

import type { CapModule } from './cap-binding.js';
import { linkTypeOfCapName } from './cap-binding.js';
import { classifyOpenError, type CaptureFailure } from './capture-failure.js';
import { pcapFileHeader, pcapRecord, wallClock, type PacketTime } from './pcap-stream.js';

/** cap sets libpcap's snaplen to 65535; the shared buffer is that large. */
export const CAP_SNAPLEN = 65_535;
/** Kernel ring for the capture socket: room for bursts while the analysis catches up. */
const KERNEL_BUFFER_BYTES = 64 * 1024 * 1024;
/** Pending records written at once even if the burst goes on. */
const FLUSH_BYTES = 256 * 1024;

export type CaptureOutput = { write(bytes: Uint8Array): unknown };

export type OpenCapture = {
  readonly linkType: number;
  close(): void;
};

export type InterfaceCaptureOptions = {
  readonly iface: string;
  readonly filter: string;
  readonly out: CaptureOutput;
  readonly clock?: () => PacketTime;
};

export type OpenResult = { readonly ok: true; readonly capture: OpenCapture } | { readonly ok: false; readonly failure: CaptureFailure };

export function openInterfaceCapture(cap: CapModule, options: InterfaceCaptureOptions): OpenResult {
  const session = new cap.Cap();
  const buffer = Buffer.alloc(CAP_SNAPLEN);
  const clock = options.clock ?? wallClock;
  let name: string;
  try {
    name = session.open(options.iface, options.filter, KERNEL_BUFFER_BYTES, buffer);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, failure: { kind: classifyOpenError(detail), detail } };
  }
  const linkType = linkTypeOfCapName(name);
  if (linkType === undefined) {
    session.close();
    return { ok: false, failure: { kind: 'failed', detail: `unsupported link type '${name}'` } };
  }
  options.out.write(pcapFileHeader(linkType, CAP_SNAPLEN));
  const batch = batchedWriter(options.out);
  session.on('packet', (nbytes) => batch.add(pcapRecord(clock(), buffer, nbytes)));
  let closed = false;
  return {
    ok: true,
    capture: {
      linkType,
      close() {
        if (closed) return;
        closed = true;
        session.close();
        batch.flush();
      },
    },
  };
}

/** Records go out together once the binding has delivered what libpcap had: one write per burst, not per packet. */
function batchedWriter(out: CaptureOutput): { add(record: Uint8Array): void; flush(): void } {
  let pending: Uint8Array[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, bytes);
    pending = [];
    bytes = 0;
    out.write(chunk);
  };
  return {
    add(record) {
      pending.push(record);
      bytes += record.length;
      if (bytes >= FLUSH_BYTES) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
