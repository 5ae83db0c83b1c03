import { parseNameAddr } from '../embedded/sip/fields';

/**
 * Small SIP bodies and header values the engine reads itself: DTMF in INFO, REFER targets,
 * and the SDP direction attribute for hold. Pure.
 */

/** `application/dtmf-relay` (`Signal=5\r\nDuration=160`) or `application/dtmf` (`5`). */
export function parseDtmfInfo(contentType: string | undefined, body: string): { digit: string; durationMs: number } | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/dtmf-relay') {
    const signal = /^\s*Signal\s*=\s*([0-9*#A-Da-d]|1[01])\s*$/im.exec(body)?.[1];
    if (!signal) return undefined;
    const duration = Number(/^\s*Duration\s*=\s*(\d+)\s*$/im.exec(body)?.[1] ?? 160);
    // Some phones send the RFC 4733 event numbers 10/11 for * and #.
    const digit = signal === '10' ? '*' : signal === '11' ? '#' : signal.toUpperCase();
    return { digit, durationMs: duration };
  }
  if (type === 'application/dtmf') {
    const digit = body.trim().toUpperCase();
    return /^[0-9*#A-D]$/.test(digit) ? { digit, durationMs: 160 } : undefined;
  }
  return undefined;
}

/** The URI in a Refer-To header (`<sip:1003@cc.test?Replaces=…>` keeps its headers). */
export function referTarget(referTo: string | undefined): string | undefined {
  if (!referTo) return undefined;
  try {
    const uri = parseNameAddr(referTo).uri;
    return /^(sips?|tel):/i.test(uri) ? uri : undefined;
  } catch {
    return undefined;
  }
}

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * The same SDP with every media section's direction set (RFC 3264 §8.4 hold is `sendonly`),
 * and the origin version raised by `bump` (each of our re-offers must count up, RFC 3264 §8).
 */
export function withDirection(sdp: string, direction: Direction, bump = 1): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
  const out: string[] = [];
  let inMedia = false;
  let wrote = false;
  const flush = (): void => {
    if (inMedia && !wrote) out.push(`a=${direction}`);
  };
  for (const line of lines) {
    if (line.startsWith('m=')) {
      flush();
      inMedia = true;
      wrote = false;
      out.push(line);
      continue;
    }
    if (/^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      if (inMedia && !wrote) {
        out.push(`a=${direction}`);
        wrote = true;
      }
      continue;
    }
    if (line.startsWith('o=')) {
      const parts = line.split(' ');
      const version = Number(parts[2]);
      if (parts.length >= 6 && Number.isFinite(version)) parts[2] = String(version + bump);
      out.push(parts.join(' '));
      continue;
    }
    out.push(line);
  }
  flush();
  return out.join(eol) + eol;
}
