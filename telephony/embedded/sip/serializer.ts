import { displayName } from './headers';
import type { SipMessage } from './message';

/** Writes a message; Content-Length is always recomputed from the body's bytes. */
export function serialize(msg: SipMessage): Buffer {
  let text = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  for (const { name, value } of msg.headers.list()) {
    if (name === 'content-length') continue;
    text += `\r\n${displayName(name)}: ${value}`;
  }
  // One string, one encode: no intermediate buffers to concatenate.
  return Buffer.from(`${text}\r\nContent-Length: ${Buffer.byteLength(msg.body, 'utf8')}\r\n\r\n${msg.body}`, 'utf8');
}
