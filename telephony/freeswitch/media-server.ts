import type { DrachtioModules, FsMediaServer, Srf } from './drachtio-types';
import type { FreeswitchEngineOptions } from './options';

/** Not reachable, wrong password, ACL refusal, or no drachtio_mrf profile: try again later. */
export class MediaServerUnavailable extends Error {
  override readonly name = 'MediaServerUnavailable';
}

/**
 * One attempt to reach FreeSWITCH's event socket and set up drachtio-fsmrf's MediaServer on it
 * (outbound-socket listener + `sofia status` probe). Resolves with the MediaServer; `onLost` is
 * called once if that connection later ends. Every failure path closes what it opened, so no
 * half-made connection keeps retrying behind the supervisor's back.
 */
export function connectMediaServer(
  mods: DrachtioModules,
  srf: Srf,
  fs: FreeswitchEngineOptions['freeswitch'],
  timeoutMs: number,
  onLost: (reason: string) => void,
): Promise<FsMediaServer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let ms: FsMediaServer | undefined;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        if (ms) ms.disconnect();
        else conn.disconnect();
      } catch {
        // Already closed: nothing left to release.
      }
      reject(new MediaServerUnavailable(reason));
    };
    const timer = setTimeout(() => fail(`no answer from ${fs.host}:${fs.port} within ${timeoutMs} ms`), timeoutMs);
    const conn = mods.createEslInbound(fs.host, fs.port, fs.secret, () => {
      if (settled) return;
      // MediaServer throws (uncaught, from a socket callback) when the profile is missing: check first.
      conn.api('sofia status', (evt) => {
        if (settled) return;
        if (!profileListed(evt.getBody(), fs.profile)) fail(`no sofia profile ${fs.profile} on ${fs.host}`);
        else start();
      });
    });
    const start = (): void => {
      const listen = { address: fs.listenAddress, port: fs.listenPort, advertisedAddress: fs.advertisedAddress, advertisedPort: fs.advertisedPort };
      const server = mods.createMediaServer(conn, srf, listen, fs.profile);
      ms = server;
      server.once('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        let gone = false;
        const lost = (reason: string): void => {
          if (gone) return;
          gone = true;
          try {
            // Stops modesl's own retry and frees the listener; channels' own sockets stay up.
            server.disconnect();
          } catch {
            // The socket is already gone.
          }
          onLost(reason);
        };
        server.on('end', () => lost('event socket closed'));
        resolve(server);
      });
      server.once('error', (err: unknown) => fail(err instanceof Error ? err.message : String(err)));
    };
    // One attempt only: modesl would otherwise reconnect forever on its own timer.
    conn.reconnectOpts = { maxAttempts: 1 };
    conn.reconnectVars.attempts = 1;
    conn.on('error', (err) => {
      if (!settled) fail(err instanceof Error ? err.message : String(err));
    });
    conn.on('esl::event::auth::fail', () => fail('event socket password refused'));
    conn.on('esl::event::raw::text/rude-rejection', () => fail('refused by the event socket ACL'));
    conn.on('esl::end', () => {
      if (!settled) fail('event socket closed while connecting');
    });
  });
}

/** The line drachtio-fsmrf looks for in `sofia status`: `<profile> profile sip:mod_sofia@a.b.c.d:port`. */
export function profileListed(status: string, profile: string): boolean {
  const escaped = profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*${escaped}\\s.*sip:mod_sofia@((?:[0-9]{1,3}\\.){3}[0-9]{1,3}:\\d+)`, 'm').test(status);
}
