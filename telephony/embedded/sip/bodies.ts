/** Small text bodies the stack reads itself; SDP stays opaque and is never parsed here. */

export interface DtmfRelay {
  signal: string;
  durationMs: number;
}

/** `application/dtmf-relay` (SIP INFO DTMF): `Signal=5\r\nDuration=160`. */
export function parseDtmfRelay(body: string): DtmfRelay | undefined {
  const signal = /^\s*signal\s*=\s*([0-9A-Da-d*#]|1[0-6])\s*$/im.exec(body)?.[1];
  if (signal === undefined) return undefined;
  const duration = Number(/^\s*duration\s*=\s*(\d{1,6})\s*$/im.exec(body)?.[1] ?? '160');
  return { signal: normaliseSignal(signal), durationMs: duration };
}

/** Some phones send events 10..15 as numbers (RFC 4733 codes) instead of `*`, `#`, `A`-`D`. */
function normaliseSignal(s: string): string {
  const codes: Record<string, string> = { '10': '*', '11': '#', '12': 'A', '13': 'B', '14': 'C', '15': 'D', '16': '!' };
  return codes[s] ?? s.toUpperCase();
}

export function formatDtmfRelay(d: DtmfRelay): string {
  return `Signal=${d.signal}\r\nDuration=${d.durationMs}\r\n`;
}

/** `message/sipfrag` status line for REFER progress NOTIFYs (RFC 3515 §2.4.5). */
export function sipfrag(status: number, reason: string): string {
  return `SIP/2.0 ${status} ${reason}\r\n`;
}

export function parseSipfragStatus(body: string): number | undefined {
  const m = /^SIP\/2\.0 (\d{3})/.exec(body.trim());
  return m?.[1] ? Number(m[1]) : undefined;
}
