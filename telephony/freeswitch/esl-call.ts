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
