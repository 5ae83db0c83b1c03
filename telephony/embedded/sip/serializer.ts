import { displayName } from './headers';
import type { SipMessage } from './message';

/** Writes a message; Content-Length is always recomputed from the body's bytes. */
export function serialize(msg: SipMessage): Buffer {
  const start = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  const lines = [start];
  for (const { name, value } of msg.headers.list()) {
    if (name === 'content-length') continue;
    lines.push(`${displayName(name)}: ${value}`);
  }
  const body = Buffer.from(msg.body, 'utf8');
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}
