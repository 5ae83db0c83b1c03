import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Namespace, type Socket } from 'socket.io';
import { roleAllows, type Role } from '../../core/auth/roles';
import { AppError, Forbidden } from '../../core/errors';
import { readCookie, sessionCookie, type SessionUser, type Sessions } from '../http/session';

export interface StaffSocketData {
  user: SessionUser;
}

type Ack = (reply: { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }) => void;

/**
 * socket.io for the console. Staff namespaces authenticate with the session cookie at connect time;
 * every event handler declares the roles it needs, checked again on each event.
 *
 * No connection-state recovery: every (re)connection is authenticated again and given the whole
 * current state by its namespace, and clients catch up on messages by sequence number. Recovery's
 * replay buffer kept every broadcast for minutes (most of a busy chat server's old-generation
 * heap) and does not work across processes with the Redis adapter anyway.
 */
export class RealtimeGateway {
  readonly io: Server;
  private redis: Redis[] = [];

  constructor(
    http: HttpServer,
    private readonly sessions: Sessions,
    private readonly log: Logger,
    redisUrl: string | undefined,
  ) {
    this.io = new Server(http, {
      serveClient: false,
      maxHttpBufferSize: 1e6,
    });
    if (redisUrl) {
      const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) client.on('error', (err) => log.warn({ err: err.message }, 'socket.io redis adapter error'));
      this.redis = [pub, sub];
      this.io.adapter(createAdapter(pub, sub));
    }
  }

  /** A namespace for signed-in staff with at least one of these roles. */
  staffNamespace(name: string, roles: readonly Role[]): Namespace {
    const nsp = this.io.of(name);
    nsp.use(async (socket, next) => {
      try {
        const user = await this.sessions.verify(readCookie(socket.handshake.headers.cookie, sessionCookie));
        if (!roleAllows(user.role, roles)) throw new Forbidden('role not allowed here');
        (socket.data as StaffSocketData).user = user;
        next();
      } catch (err) {
        next(Object.assign(new Error(err instanceof AppError ? err.code : 'unauthorized'), { data: { code: 'unauthorized' } }));
      }
    });
    return nsp;
  }

  /** Registers an event with its own role check and a typed acknowledgement. */
  handle<T>(socket: Socket, event: string, roles: readonly Role[], handler: (payload: T, user: SessionUser) => Promise<unknown> | unknown): void {
    socket.on(event, async (payload: T, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => undefined;
      const user = (socket.data as StaffSocketData).user;
      try {
        if (!roleAllows(user.role, roles)) {
          reply({ ok: false, error: { code: 'forbidden', message: `requires role ${roles.join(' or ')}` } });
          return;
        }
        const data = await handler(payload, user);
        reply({ ok: true, data });
      } catch (err) {
        if (err instanceof AppError) reply({ ok: false, error: { code: err.code, message: err.message } });
        else {
          this.log.error({ err, event }, 'socket event failed');
          reply({ ok: false, error: { code: 'internal', message: 'internal error' } });
        }
      }
    });
  }

  async ready(): Promise<boolean> {
    if (this.redis.length === 0) return true;
    return (await this.redis[0]!.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.io.close();
    await Promise.allSettled(this.redis.map((r) => r.quit()));
  }
}
