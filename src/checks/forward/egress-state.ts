// Whether a director's forwarded copies show in the captures at all. A director with a second
// interface nobody captured takes packets in and sends none out where anyone looks, which
// looks exactly like dropping them, until one of those connections goes on (the client
// acknowledges the server's SYN): then its forwarding is out of sight, not broken. Until one
// or the other is known, "not forwarded" reports wait: the first dozen kept whole, the rest
// counted, and all of them sent as they are once a forwarded copy shows, 30 s of capture time
// have passed, or the captures end.

import type { Mac } from '../../decode/addresses.js';

/** Reports held whole per director: as many as a finding keeps evidence frames for. */
const MAX_HELD = 12;

export type EgressStatus = 'visible' | 'hidden';

/** How long (capture seconds) reports wait for the director's forwarding to show either way. */
export const EGRESS_DECISION_SECONDS = 30;

type Pending<D> = { readonly sinceT: number; readonly drafts: D[]; extra: number; last: D };

export type EgressState<D> = {
  statusOf(director: Mac): EgressStatus | undefined;
  /** The first decision for a director stands; `hidden` converts what waited with `toHidden`. */
  seen(director: Mac, status: EgressStatus, hiddenDraft?: D): void;
  /** Reports `draft` now if the director's forwarding is known, else holds it (at time `t`). */
  report(director: Mac, draft: D, t: number): void;
  end(): void;
};

export function createEgressState<D>(send: (d: D) => void, toHidden: (d: D) => D): EgressState<D> {
  const status = new Map<Mac, EgressStatus>();
  const pending = new Map<Mac, Pending<D>>();
  const flush = (director: Mac, convert: (d: D) => D) => {
    const p = pending.get(director);
    if (!p) return;
    pending.delete(director);
    for (const d of p.drafts) send(convert(d));
    // The rest only count: the finding keeps the first evidence frames anyway.
    for (let i = 0; i < p.extra; i++) send(convert(p.last));
  };
  // seen() runs for every forwarded packet: the director decided last answers without a lookup.
  let lastDecided: Mac | undefined;
  const decide = (director: Mac, s: EgressStatus) => {
    status.set(director, s);
    lastDecided = director;
    flush(director, s === 'hidden' ? toHidden : (d) => d);
  };
  return {
    statusOf: (director) => status.get(director),
    seen(director, s, hiddenDraft) {
      if (director === lastDecided || status.has(director)) return;
      if (s === 'hidden' && hiddenDraft !== undefined) send(hiddenDraft);
      decide(director, s);
    },
    report(director, draft, t) {
      const s = status.get(director);
      if (s !== undefined) { send(s === 'hidden' ? toHidden(draft) : draft); return; }
      let p = pending.get(director);
      if (!p) pending.set(director, (p = { sinceT: t, drafts: [], extra: 0, last: draft }));
      if (p.drafts.length < MAX_HELD) p.drafts.push(draft);
      else { p.extra++; p.last = draft; }
      if (t - p.sinceT > EGRESS_DECISION_SECONDS) decide(director, 'visible');
    },
    end() {
      for (const director of [...pending.keys()]) flush(director, (d) => d);
    },
  };
}
