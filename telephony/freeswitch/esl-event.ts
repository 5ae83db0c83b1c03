/**
 * FreeSWITCH event-socket wire format (mod_event_socket): frames of `Name: value` header lines,
 * a blank line, and `Content-Length` bytes of body. `text/event-plain` bodies are themselves
 * URL-encoded header lines, optionally followed by the event's own body. Pure: the engine reads
 * modesl's parsed events through `interpretEvent`, and tests feed it captured wire text.
 */

export interface EslFrame {
  headers: Record<string, string>;
  body: string;
}

/** Splits complete frames off the front of a stream buffer; returns them and the unread rest. */
export function takeFrames(buffer: string): { frames: EslFrame[]; rest: string } {
  const frames: EslFrame[] = [];
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf('\n\n');
    if (end < 0) break;
    const headers = headerLines(rest.slice(0, end), false);
    const length = Number(headers['Content-Length'] ?? 0);
    const bodyStart = end + 2;
    // Content-Length counts bytes; event text is ASCII after URL-encoding, so bytes = chars.
    if (rest.length < bodyStart + length) break;
    frames.push({ headers, body: rest.slice(bodyStart, bodyStart + length) });
    rest = rest.slice(bodyStart + length);
  }
  return { frames, rest };
}

function headerLines(text: string, decode: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const raw = line.slice(colon + 1).trim();
    out[name] = decode ? safeDecode(raw) : raw;
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray % in a value FreeSWITCH did not encode: keep it as sent.
    return value;
  }
}

export interface PlainEvent {
  headers: Record<string, string>;
  body: string;
  get(name: string): string | undefined;
}

/** One `text/event-plain` frame body: decoded headers plus the event's own body, if any. */
export function parsePlainEvent(text: string): PlainEvent {
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers = headerLines(head, true);
  const length = Number(headers['Content-Length'] ?? 0);
  const body = end < 0 || length === 0 ? '' : text.slice(end + 2, end + 2 + length);
  return { headers, body, get: (name) => headers[name] };
}

export type InterpretedEvent =
  | { kind: 'dtmf'; uuid: string; digit: string; durationMs: number; source: string }
  | { kind: 'hangup'; uuid: string; cause: string; sipStatus?: number; mediaTimeout: boolean }
  | { kind: 'conference'; action: string; conference: string; conferenceUuid: string; memberId: number; uuid: string }
  | { kind: 'heartbeat'; sessions: number; maxSessions: number }
  | { kind: 'other'; name: string };

/** DTMF-Duration is in samples at 8 kHz (FreeSWITCH's default DTMF clock). */
const SAMPLES_PER_MS = 8;

/** What an event means to the engine, from a header lookup (modesl's or parsePlainEvent's). */
export function interpretEvent(get: (name: string) => string | undefined): InterpretedEvent {
  const name = get('Event-Name') ?? '';
  const uuid = get('Unique-ID') ?? '';
  switch (name) {
    case 'DTMF':
      return {
        kind: 'dtmf',
        uuid,
        digit: get('DTMF-Digit') ?? '',
        durationMs: Math.round(Number(get('DTMF-Duration') ?? 0) / SAMPLES_PER_MS),
        source: (get('DTMF-Source') ?? 'UNKNOWN').toUpperCase(),
      };
    case 'CHANNEL_HANGUP':
    case 'CHANNEL_HANGUP_COMPLETE': {
      const cause = get('Hangup-Cause') ?? get('variable_hangup_cause') ?? 'NORMAL_CLEARING';
      const status = Number(get('variable_sip_term_status'));
      return {
        kind: 'hangup',
        uuid,
        cause,
        ...(Number.isFinite(status) && status > 0 ? { sipStatus: status } : {}),
        mediaTimeout: cause === 'MEDIA_TIMEOUT' || get('variable_rtp_timeout') !== undefined,
      };
    }
    case 'CUSTOM':
      if (get('Event-Subclass') === 'conference::maintenance') {
        return {
          kind: 'conference',
          action: get('Action') ?? '',
          conference: get('Conference-Name') ?? '',
          conferenceUuid: get('Conference-Unique-ID') ?? '',
          memberId: Number(get('Member-ID') ?? -1),
          uuid,
        };
      }
      return { kind: 'other', name: `CUSTOM ${get('Event-Subclass') ?? ''}` };
    case 'HEARTBEAT':
      return { kind: 'heartbeat', sessions: Number(get('Session-Count') ?? 0), maxSessions: Number(get('Max-Sessions') ?? 0) };
    default:
      return { kind: 'other', name };
  }
}
