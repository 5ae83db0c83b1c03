import type { Srf } from './drachtio-types';
import type { FreeswitchEngineOptions } from './options';

/** drachtio-server refused us (bad secret) or was not there. */
export class SignallingUnavailable extends Error {
  override readonly name = 'SignallingUnavailable';
}

/**
 * One attempt to connect drachtio-srf to drachtio-server's command port. drachtio-srf's own
 * retry is limited to this attempt (maxAttempts 1): SupervisedLink decides when to try again.
 * `onLost` fires once when this connection later closes.
 */
export function connectSignalling(srf: Srf, d: FreeswitchEngineOptions['drachtio'], timeoutMs: number, onLost: (reason: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let state: 'connecting' | 'up' | 'done' = 'connecting';
    const cleanup = (): void => {
      clearTimeout(timer);
      srf.off('connect', onConnect);
    };
    const fail = (reason: string): void => {
      if (state !== 'connecting') return;
      state = 'done';
      cleanup();
      srf.off('close', onClose);
      try {
        srf.disconnect();
      } catch {
        // No socket to close.
      }
      reject(new SignallingUnavailable(reason));
    };
    const onConnect = (err: unknown): void => {
      if (state !== 'connecting') return;
      if (err) return fail(err instanceof Error ? err.message : String(err));
      state = 'up';
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      if (state === 'connecting') return fail('connection closed');
      if (state !== 'up') return;
      state = 'done';
      srf.off('close', onClose);
      onLost('drachtio connection closed');
    };
    const timer = setTimeout(() => fail(`no answer from ${d.host}:${d.port} within ${timeoutMs} ms`), timeoutMs);
    srf.on('connect', onConnect);
    srf.on('close', onClose);
    srf.connect({ host: d.host, port: d.port, secret: d.secret, reconnect: { maxAttempts: 1 } });
  });
}
