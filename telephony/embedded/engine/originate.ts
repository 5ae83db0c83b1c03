import { randomUUID } from 'node:crypto';
import { OriginateError, type LegInfo, type OriginateOptions, type OriginateTarget } from '../../engine';
import type { Registrar } from '../sip/registrar';
import { SipError } from '../sip/errors';
import type { InviteOptions, SipStack } from '../sip/stack';
import { isWebSocket, type TransportProtocol } from '../sip/transport/types';
import type { TrunkManager } from '../sip/trunk';
import { EmbeddedCallLeg, type LegContext } from './call-leg';
import { causeForStatus } from './causes';
import type { MediaFactory, NegotiatedMedia } from './media';

export interface OriginateHost {
  readonly stack: SipStack;
  readonly registrar: Registrar;
  readonly trunks: TrunkManager;
  readonly rtp: MediaFactory;
  readonly webrtc: MediaFactory | undefined;
  readonly ctx: LegContext;
  readonly realm: string;
  /** `sip:user@<our host>` for From. */
  localUri(user: string): string;
  track(leg: EmbeddedCallLeg): void;
}

interface Route {
  uri: string;
  invite: InviteOptions;
  transport: TransportProtocol;
  trunkId?: string;
}

function routesFor(host: OriginateHost, target: OriginateTarget): Route[] {
  if (target.kind === 'extension') {
    const bindings = host.registrar.lookup(target.destination);
    // Not registered: the number exists nowhere right now (FreeSWITCH: USER_NOT_REGISTERED).
    if (bindings.length === 0) throw new OriginateError('unallocated_number', `${target.destination} is not registered`);
    // Each binding is reached over its own flow: a WS or NATed phone cannot be dialled anew.
    return bindings.map((b) => ({ uri: b.contact, invite: { flow: b.flow, to: `sip:${target.destination}@${host.realm}` }, transport: b.flow.transport }));
  }
  if (!target.trunkId) throw new OriginateError('unallocated_number', 'trunk originate needs a trunkId');
  try {
    const { target: uri, options } = host.trunks.route(target.trunkId, target.destination);
    return [{ uri, invite: options, transport: options.flow?.transport ?? 'udp', trunkId: target.trunkId }];
  } catch (err) {
    if (err instanceof SipError) throw new OriginateError('unallocated_number', err.message);
    throw err;
  }
}

/** Busy beats everything (someone is there), then the first failure's meaning. */
function failureCause(statuses: number[], timedOut: boolean): OriginateError {
  if (statuses.includes(486) || statuses.includes(600)) return new OriginateError('user_busy');
  if (timedOut || statuses.length === 0) return new OriginateError('no_answer');
  return new OriginateError(causeForStatus(statuses[0] ?? 480));
}

/**
 * Rings every route at once (each with its own media, so a browser and a desk phone can both
 * ring), first 2xx wins, the rest are cancelled; a late 2xx from a loser is answered with BYE.
 */
export async function originate(host: OriginateHost, target: OriginateTarget, options: OriginateOptions): Promise<EmbeddedCallLeg> {
  const routes = routesFor(host, target);
  const caller = options.callerId;
  const from = `${caller.displayName ? `"${caller.displayName.replace(/"/g, '')}" ` : ''}<${host.localUri(caller.user)}>`;
  const video = options.video === true;
  const forks = await Promise.all(routes.map(async (route) => {
    const browser = isWebSocket(route.transport);
    const factory = browser && host.webrtc ? host.webrtc : host.rtp;
    return { route, media: await factory.offer({ video }) };
  }));
  return new Promise((resolve, reject) => {
    let settled = false;
    let timedOut = false;
    let pending = forks.length;
    const statuses: number[] = [];
    const calls = forks.map(({ route, media }) => ({ route, media, call: host.stack.invite(route.uri, media.localSdp, { ...route.invite, from, headers: options.headers }) }));
    const giveUp = (cause: 'no_answer' | 'originator_cancel'): void => {
      timedOut = true;
      for (const c of calls) c.call.cancel();
      settle(() => reject(new OriginateError(cause)));
    };
    const timer = setTimeout(() => giveUp('no_answer'), options.timeoutMs);
    const onAbort = (): void => giveUp('originator_cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    if (options.signal?.aborted) onAbort();
    const lost = (media: NegotiatedMedia, status: number): void => {
      void media.media.close();
      statuses.push(status);
      if (--pending === 0) settle(() => reject(failureCause(statuses, timedOut)));
    };
    for (const { route, media, call } of calls) {
      call.result.then(
        (dialog) => {
          if (settled) {
            void dialog.bye();
            lost(media, 487);
            return;
          }
          try {
            media.applyAnswer(dialog.remoteSdp ?? '');
          } catch {
            void dialog.bye();
            lost(media, 488);
            return;
          }
          for (const other of calls) if (other.call !== call) other.call.cancel();
          const info: LegInfo = {
            id: randomUUID(),
            direction: 'outbound',
            from: caller,
            to: { user: target.destination, uri: route.uri },
            sipCallId: call.callId,
            transport: media.kind === 'webrtc' ? 'webrtc' : route.transport,
            video,
            headers: options.headers ?? {},
            ...(route.trunkId ? { trunkId: route.trunkId } : {}),
          };
          const leg = new EmbeddedCallLeg(host.ctx, info, null);
          leg.adopt(media, dialog);
          host.track(leg);
          settle(() => resolve(leg));
        },
        (err: unknown) => lost(media, err instanceof SipError ? err.status : 500),
      );
    }
  });
}
