import type { EslEvent, FsEndpoint } from './drachtio-types';

/** A FreeSWITCH API command answered `-ERR …`, or did not answer in time. */
export class FsCommandError extends Error {
  override readonly name = 'FsCommandError';
}

/** Resolves with `p`, or rejects after `ms` so a silent socket cannot wedge a call. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new FsCommandError(`${what}: no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new FsCommandError(String(err)));
      },
    );
  });
}

/**
 * Resolves when the channel's socket delivers `event` for this channel (subscribe before the command
 * that causes it); rejects after `ms`. Some commands (uuid_bridge) answer +OK before they take effect.
 */
export function nextEvent(ep: FsEndpoint, event: string, ms: number): Promise<EslEvent> {
  const conn = ep.conn;
  if (!conn) return Promise.reject(new FsCommandError(`${event}: the channel's socket is closed`));
  conn.subscribe(event);
  const name = `esl::event::${event}::${ep.uuid}`;
  let listener: (evt: EslEvent) => void = () => undefined;
  const seen = new Promise<EslEvent>((resolve) => {
    listener = resolve;
    conn.on(name, listener);
  });
  return within(seen, ms, event).finally(() => conn.off(name, listener));
}

/**
 * uuid_bridge answers +OK and bridges ~100 ms later; touching either channel in between (hold,
 * a conference, the transferring phone hanging up) makes FreeSWITCH hang up the other. So this
 * returns only once CHANNEL_BRIDGE has arrived.
 */
export async function bridgeNow(a: FsEndpoint, b: FsEndpoint, timeoutMs: number): Promise<void> {
  const bridged = nextEvent(a, 'CHANNEL_BRIDGE', timeoutMs);
  try {
    await api(a, 'uuid_bridge', `${a.uuid} ${b.uuid}`, timeoutMs);
  } catch (err) {
    bridged.catch(() => undefined);
    throw err;
  }
  await bridged;
}

/** Body of an API reply, e.g. `+OK` or `-ERR No such channel!`. */
export function replyBody(evt: EslEvent | undefined): string {
  return (evt?.getBody() ?? '').trim();
}

/** Runs an API command on the channel's own socket; throws FsCommandError on `-ERR`. */
export async function api(ep: FsEndpoint, command: string, args: string, timeoutMs: number): Promise<string> {
  const body = replyBody(await within(ep.api(command, args), timeoutMs, command));
  if (body.startsWith('-ERR') || body.startsWith('-USAGE')) throw new FsCommandError(`${command} ${args}: ${body}`);
  return body;
}

/**
 * Sets channel variables at once (uuid_setvar), unlike the `set` application, which would queue
 * behind a playing prompt. An empty value unsets the variable.
 */
export async function setVars(ep: FsEndpoint, vars: Record<string, string>, timeoutMs: number): Promise<void> {
  for (const [name, value] of Object.entries(vars)) await api(ep, 'uuid_setvar', value === '' ? `${ep.uuid} ${name}` : `${ep.uuid} ${name} ${value}`, timeoutMs);
}
