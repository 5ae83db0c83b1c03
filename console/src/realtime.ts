import { io, type Socket } from 'socket.io-client';

/** What the server's RealtimeGateway.handle() acknowledges. */
export type Ack<T> = { ok: true; data?: T } | { ok: false; error: { code: string; message: string } };

export class RealtimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RealtimeError';
  }
}

export interface ConnectOptions {
  /** The handshake was refused (no session, or a role the namespace does not admit). */
  onUnauthorized?: () => void;
}

/**
 * Connects to a staff namespace (e.g. `/agent`, `/supervisor`) on this origin. The server
 * authenticates the handshake with the session cookie, which same-origin requests carry.
 */
export function connectNamespace(namespace: string, options: ConnectOptions = {}): Socket {
  const socket = io(namespace, { withCredentials: true, transports: ['websocket', 'polling'] });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'unauthorized') {
      socket.disconnect(); // retrying cannot help without a new session
      options.onUnauthorized?.();
    }
  });
  return socket;
}

/** Emits an event and resolves with the acknowledged data, or rejects with the server's error. */
export function emitWithAck<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, reply: Ack<T>) => {
      if (err) reject(new RealtimeError('timeout', `no reply to ${event} within ${timeoutMs} ms`));
      else if (reply.ok) resolve(reply.data as T);
      else reject(new RealtimeError(reply.error.code, reply.error.message));
    });
  });
}
