import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import type { FsEndpoint, FsMediaServer, Srf } from './drachtio-types';
import type { OfferedChannel } from './offered-channel';
import type { SharedDir } from './options';

/** What every leg shares with its engine. */
export interface FsLegContext {
  readonly log: Logger;
  readonly clock: Clock;
  readonly srf: Srf;
  /** Bound on each ESL command. */
  readonly commandTimeoutMs: number;
  /** Prompt and recording directories as both sides see them. */
  readonly dirs: readonly SharedDir[];
  readonly recordings: SharedDir;
  /** FreeSWITCH file string played on hold. */
  readonly moh: string;
  /** The live media server, or undefined while FreeSWITCH is unreachable. */
  mediaServer(): FsMediaServer | undefined;
  /** Headers on the INVITE to FreeSWITCH that the dialplan turns into channel variables. */
  mediaHeaders(): Record<string, string>;
  /** A channel for a callee's offer (a browser called with a late offer); see offered-channel.ts. */
  offerToFreeswitch(offer: string): Promise<OfferedChannel>;
  /** Book-keeping for leak checks: a FreeSWITCH channel was made / went away. */
  endpointOpened(ep: FsEndpoint): void;
  endpointClosed(ep: FsEndpoint): void;
  /** The leg ended and released everything: drop it from the engine's books. */
  forget(leg: object): void;
}
