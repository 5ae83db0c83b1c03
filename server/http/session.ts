import { jwtVerify, SignJWT } from 'jose';
import type { Knex } from 'knex';
import type { Role } from '../../core/auth/roles';
import { Unauthorized } from '../../core/errors';

export const sessionCookie = 'cc_session';
const ttlSeconds = 12 * 3600; // one working shift

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: 'zh-CN' | 'en';
}

/**
 * Sessions are signed JWTs in an httpOnly cookie. Each one carries the user's token version,
 * checked on every request, so a password change, role change or deactivation ends it at once.
 */
export class Sessions {
  private key: Uint8Array;

  constructor(
    secret: string,
    private readonly db: Knex,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  readonly maxAgeMs = ttlSeconds * 1000;

  issue(user: { id: number; tokenVersion: number }): Promise<string> {
    return new SignJWT({ tv: user.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string | undefined): Promise<SessionUser> {
    if (!token) throw new Unauthorized('not signed in');
    let payload: { sub?: string; tv?: unknown };
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] }));
    } catch {
      throw new Unauthorized('session expired or invalid');
    }
    const row = (await this.db('users').where({ id: Number(payload.sub) }).first()) as
      | { id: number; username: string; display_name: string; role: Role; locale: 'zh-CN' | 'en'; active: number | boolean; token_version: number }
      | undefined;
    if (!row || !row.active || row.token_version !== payload.tv) throw new Unauthorized('session revoked');
    return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, locale: row.locale };
  }
}

/** Reads one cookie from a raw Cookie header (socket.io handshakes have no cookie parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
