import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseAuthParams } from './fields';

/** Digest computations (RFC 2617, RFC 7616) shared by the client and the server side. */

export type DigestAlgorithm = 'MD5' | 'SHA-256';

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5').update(text, 'utf8').digest('hex');
}

export function computeHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return hash(algorithm, `${username}:${realm}:${password}`);
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}

export function computeDigestResponse(i: DigestResponseInput): string {
  const ha2 = hash(i.algorithm, `${i.method}:${i.uri}`);
  if (i.qop) return hash(i.algorithm, `${i.ha1}:${i.nonce}:${i.nc ?? ''}:${i.cnonce ?? ''}:${i.qop}:${ha2}`);
  return hash(i.algorithm, `${i.ha1}:${i.nonce}:${ha2}`);
}

export interface DigestCredentials {
  username: string;
  password: string;
}

/**
 * Client side: the Authorization value answering a WWW-/Proxy-Authenticate challenge, or
 * undefined when the challenge is not a Digest we can meet (unknown algorithm, auth-int only).
 */
export function authorize(challenge: string, creds: DigestCredentials, method: string, uri: string): string | undefined {
  const { scheme, params } = parseAuthParams(challenge);
  if (scheme !== 'digest') return undefined;
  const realm = params.get('realm') ?? '';
  const nonce = params.get('nonce') ?? '';
  const algName = (params.get('algorithm') ?? 'MD5').toUpperCase();
  if (algName !== 'MD5' && algName !== 'SHA-256') return undefined;
  const algorithm = algName as DigestAlgorithm;
  const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean);
  if (qops.length > 0 && !qops.includes('auth')) return undefined;
  const qop = qops.length > 0 ? 'auth' : undefined;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = computeHa1(algorithm, creds.username, realm, creds.password);
  const response = computeDigestResponse({ algorithm, ha1, method, uri, nonce, qop, nc, cnonce });
  const parts = [`username="${creds.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`, `algorithm=${algorithm}`];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  const opaque = params.get('opaque');
  if (opaque !== undefined) parts.push(`opaque="${opaque}"`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * Stateless nonces: `timestamp.hmac(secret, timestamp)` in base64url. Any node holding the secret
 * can verify them, and an expired but authentic nonce earns `stale=true` instead of a new prompt.
 */
export class NonceFactory {
  private readonly secret: Buffer;

  constructor(secret?: Buffer) {
    this.secret = secret ?? randomBytes(32);
  }

  create(nowMs: number): string {
    const ts = nowMs.toString(36);
    return Buffer.from(`${ts}.${this.sign(ts)}`).toString('base64url');
  }

  /** Returns the nonce's age in ms, or undefined when it is not one of ours. */
  age(nonce: string, nowMs: number): number | undefined {
    const text = Buffer.from(nonce, 'base64url').toString('utf8');
    const [ts, mac] = text.split('.');
    if (!ts || !mac) return undefined;
    const expected = Buffer.from(this.sign(ts));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const issued = parseInt(ts, 36);
    return Number.isFinite(issued) ? nowMs - issued : undefined;
  }

  private sign(ts: string): string {
    return createHmac('sha256', this.secret).update(ts).digest('base64url').slice(0, 22);
  }
}
