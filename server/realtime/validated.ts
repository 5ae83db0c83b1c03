import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { roleAllows, type Role } from '../../core/auth/roles';
import { AppError } from '../../core/errors';
import type { Ack } from '../../core/realtime/events';
import type { StaffSocketData } from './gateway';

/**
 * Registers a socket event whose payload is checked with zod before the handler runs. A malformed
 * payload gets `validation_failed` with the first problem; nothing reaches the handler. Staff
 * events name their roles, checked on every event as in RealtimeGateway.handle.
 */
export function onValidated<S extends z.ZodType>(
  socket: Socket,
  event: string,
  schema: S,
  handler: (payload: z.output<S>) => Promise<unknown> | unknown,
  opts: { log: Logger; roles?: readonly Role[] },
): void {
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    if (opts.roles) {
      const user = (socket.data as Partial<StaffSocketData>).user;
      if (!user || !roleAllows(user.role, opts.roles)) {
        reply({ ok: false, error: { code: 'forbidden', message: `requires role ${opts.roles.join(' or ')}` } });
        return;
      }
    }
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reply({ ok: false, error: { code: 'validation_failed', message: `invalid ${event} payload${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}` } });
      return;
    }
    try {
      const data = await handler(parsed.data);
      reply({ ok: true, data });
    } catch (err) {
      if (err instanceof AppError) reply({ ok: false, error: { code: err.code, message: err.message } });
      else {
        opts.log.error({ err, event }, 'socket event failed');
        reply({ ok: false, error: { code: 'internal', message: 'internal error' } });
      }
    }
  });
}
