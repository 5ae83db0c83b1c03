import { ValidationError } from '../../../core/errors';

/** RFC 4733 section 3.2 event codes 0..16 for DTMF digits and flash. */
const EVENT_CHARS = '0123456789*#ABCD!';

export function dtmfEventCode(digit: string): number {
  const code = EVENT_CHARS.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || code < 0) throw new ValidationError(`not a DTMF digit: ${digit}`);
  return code;
}

export function dtmfDigit(code: number): string | null {
  return code >= 0 && code < EVENT_CHARS.length ? EVENT_CHARS[code]! : null;
}

export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent {
  if (payload.length < 4) throw new ValidationError('telephone-event payload shorter than 4 bytes');
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

export function serializeTelephoneEvent(e: TelephoneEvent, out = new Uint8Array(4)): Uint8Array {
  out[0] = e.event;
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  out[2] = e.duration >> 8;
  out[3] = e.duration;
  return out;
}

export interface DetectedDigit {
  digit: string;
  /** Duration in timestamp units and in milliseconds (at the stream's clock rate). */
  duration: number;
  durationMs: number;
  timestamp: number;
  /** False when the end packets were lost and the digit was closed by a later event or flush. */
  ended: boolean;
}

/** True when RTP timestamp `a` is before `b`, allowing for 32-bit wrap. */
function tsBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/**
 * Turns a stream of telephone-event packets into digits, once each. Every packet of an event
 * shares one RTP timestamp; the end bit is sent three times and packets may be retransmitted or
 * reordered, so the timestamp of the event is what identifies it.
 */
export class DtmfDecoder {
  private current: { timestamp: number; event: number; duration: number; ended: boolean } | null = null;

  constructor(private readonly clockRate = 8000) {}

  /** Feeds one telephone-event packet; returns a digit the first time an event ends. */
  push(timestamp: number, payload: Uint8Array): DetectedDigit | null {
    const e = parseTelephoneEvent(payload);
    const cur = this.current;
    if (cur && cur.timestamp === timestamp) {
      if (cur.ended) return null; // repeated end packet or late retransmission
      cur.duration = Math.max(cur.duration, e.duration);
      if (!e.end) return null;
      cur.ended = true;
      return this.toDigit(cur, true);
    }
    if (cur && tsBefore(timestamp, cur.timestamp)) return null; // straggler from an older event
    // A new event: close the previous one if its end packets never came.
    const unfinished = cur && !cur.ended ? this.toDigit(cur, false) : null;
    this.current = { timestamp, event: e.event, duration: e.duration, ended: e.end };
    if (e.end) return unfinished ?? this.toDigit(this.current, true);
    return unfinished;
  }

  /** Closes an event whose end packets were lost (call on inactivity or stream end). */
  flush(): DetectedDigit | null {
    const cur = this.current;
    if (!cur || cur.ended) return null;
    cur.ended = true;
    return this.toDigit(cur, false);
  }

  private toDigit(e: { timestamp: number; event: number; duration: number }, ended: boolean): DetectedDigit | null {
    const digit = dtmfDigit(e.event);
    if (digit === null) return null;
    return {
      digit, duration: e.duration, durationMs: Math.round((e.duration * 1000) / this.clockRate),
      timestamp: e.timestamp, ended,
    };
  }
}

export interface DtmfEncodeOptions {
  /** RTP timestamp of the event's first packet; every packet of the event carries it. */
  timestamp: number;
  durationMs?: number;
  volume?: number;
  clockRate?: number;
  packetMs?: number;
}

export interface DtmfPacketSpec {
  /** When to send, relative to the first packet. */
  offsetMs: number;
  marker: boolean;
  timestamp: number;
  end: boolean;
  payload: Uint8Array;
}

/**
 * The RFC 4733 packet sequence for one digit: the first packet has the marker bit, updates
 * follow every `packetMs` with a growing duration, then the end packet is sent three times.
 */
export function* dtmfPackets(digit: string, options: DtmfEncodeOptions): Generator<DtmfPacketSpec> {
  const event = dtmfEventCode(digit);
  const { timestamp, durationMs = 100, volume = 10, clockRate = 8000, packetMs = 20 } = options;
  const step = (clockRate * packetMs) / 1000;
  const updates = Math.max(1, Math.round(durationMs / packetMs));
  // The duration field is 16 bits; longer events would need segmenting (RFC 4733 2.5.1.3).
  const finalDuration = Math.min(updates * step, 0xffff);
  for (let k = 0; k < updates; k++) {
    const payload = serializeTelephoneEvent({ event, end: false, volume, duration: k * step });
    yield { offsetMs: k * packetMs, marker: k === 0, timestamp, end: false, payload };
  }
  for (let r = 0; r < 3; r++) {
    const payload = serializeTelephoneEvent({ event, end: true, volume, duration: finalDuration });
    yield { offsetMs: (updates + r) * packetMs, marker: false, timestamp, end: true, payload };
  }
}
