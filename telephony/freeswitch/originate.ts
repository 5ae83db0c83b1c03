import { randomUUID } from 'node:crypto';
import { OriginateError, type LegInfo, type OriginateOptions, type OriginateTarget } from '../engine';
import type { Registrar } from '../embedded/sip/registrar';
import { isWebSocket } from '../embedded/sip/transport/types';
import { portCauseOfSip } from './causes';
import { contactTarget, fromHeader, trunkTarget, type DialTarget } from './dial';
import type { FsEndpoint, SrfDialog, SrfLateOffer, SrfRequest, SrfSipError } from './drachtio-types';
import { within } from './esl-call';
import { FreeswitchCallLeg } from './leg';
import type { FsLegContext } from './leg-context';
import type { OfferedChannel } from './offered-channel';
import type { PeerTrunk } from './options';

export interface OriginateHost {
  readonly ctx: FsLegContext;
  readonly registrar: Registrar;
  readonly trunks: readonly PeerTrunk[];
  readonly realm: string;
  track(leg: FreeswitchCallLeg): void;
}

export function targetsFor(host: Pick<OriginateHost, 'registrar' | 'trunks'>, target: OriginateTarget): DialTarget[] {
  if (target.kind === 'extension') {
    const bindings = host.registrar.lookup(target.destination);
    // Not registered: the number exists nowhere right now (FreeSWITCH: USER_NOT_REGISTERED).
    if (bindings.length === 0) throw new OriginateError('unallocated_number', `${target.destination} is not registered`);
    return bindings.map(contactTarget);
  }
  const trunk = host.trunks.find((t) => t.id === target.trunkId);
  if (!trunk) throw new OriginateError('unallocated_number', `no trunk ${target.trunkId ?? '(none)'}`);
  return [trunkTarget(trunk, target.destination)];
}

/** Busy beats everything (someone is there), then the first failure's meaning. */
export function failureOf(statuses: number[], timedOut: boolean, aborted: boolean): OriginateError {
  if (aborted) return new OriginateError('originator_cancel');
  if (statuses.includes(486) || statuses.includes(600)) return new OriginateError('user_busy');
  if (timedOut || statuses.length === 0) return new OriginateError('no_answer');
  return new OriginateError(portCauseOfSip(statuses[0] ?? 480));
}

interface Fork {
  target: DialTarget;
  /** Phones: FreeSWITCH's channel, whose 3pcc offer the INVITE carries. Browsers have none yet. */
  endpoint?: FsEndpoint;
  request?: SrfRequest;
  done: boolean;
}

/** A callee's 2xx: a dialog (phones, answered our channel's offer) or its own offer awaiting our ACK (browsers). */
type Answered = { dialog: SrfDialog; endpoint: FsEndpoint } | { late: SrfLateOffer };

async function release(ctx: FsLegContext, ep: FsEndpoint | undefined): Promise<void> {
  if (!ep) return;
  await within(ep.destroy(), ctx.commandTimeoutMs, 'endpoint destroy').catch(() => undefined);
  ctx.endpointClosed(ep);
}

/**
 * Rings every target at once. Phones get an offer from their own FreeSWITCH channel (3pcc) and
 * their answer goes back to FreeSWITCH (re-INVITE). Browsers need DTLS-SRTP, which a 3pcc channel
 * cannot offer, so they get an INVITE without SDP and FreeSWITCH answers their offer
 * (offered-channel.ts). The first 2xx wins; the rest are cancelled and their channels released;
 * a late 2xx from a loser gets a BYE.
 */
export async function originate(host: OriginateHost, target: OriginateTarget, options: OriginateOptions): Promise<FreeswitchCallLeg> {
  const targets = targetsFor(host, target);
  const { ctx } = host;
  const ms = ctx.mediaServer();
  if (!ms) throw new OriginateError('normal_temporary_failure', 'media server unavailable');
  if (options.signal?.aborted) throw new OriginateError('originator_cancel');
  const forks: Fork[] = [];
  try {
    for (const t of targets) {
      if (isWebSocket(t.transport)) {
        forks.push({ target: t, done: false });
        continue;
      }
      const endpoint = await within(ms.createEndpoint({ headers: ctx.mediaHeaders() }), ctx.commandTimeoutMs * 2, 'createEndpoint');
      ctx.endpointOpened(endpoint);
      forks.push({ target: t, endpoint, done: false });
    }
  } catch (err) {
    await Promise.all(forks.map((f) => release(ctx, f.endpoint)));
    throw new OriginateError('normal_temporary_failure', (err as Error).message);
  }
  // CSeq 1 like any fresh UA (drachtio would pick a random one); simple peers match on it.
  const headers = { ...(options.headers ?? {}), From: fromHeader(options.callerId, host.realm), To: `<sip:${target.destination}@${host.realm}>`, CSeq: '1 INVITE' };
  const { fork, answered } = await race(forks, options, async (f): Promise<Answered> => {
    const hop = f.target.proxy ? { proxy: f.target.proxy } : {};
    const progress = { cbRequest: (_err: Error | null, req: SrfRequest) => void (f.request = req) };
    if (!f.endpoint) return { late: await ctx.srf.createUAC(f.target.uri, { headers, ...hop, noAck: true }, progress) };
    return { dialog: await ctx.srf.createUAC(f.target.uri, { localSdp: f.endpoint.local.sdp, headers, ...hop }, progress), endpoint: f.endpoint };
  }).catch(async (err: unknown) => {
    await Promise.all(forks.map((f) => release(ctx, f.endpoint)));
    throw err;
  });
  await Promise.all(forks.filter((f) => f !== fork).map((f) => release(ctx, f.endpoint)));
  const { endpoint, dialog } = await connectWinner(ctx, answered);
  const info: LegInfo = {
    id: randomUUID(),
    direction: 'outbound',
    from: options.callerId,
    to: { user: target.destination, uri: fork.target.uri },
    sipCallId: dialog.sip.callId,
    transport: isWebSocket(fork.target.transport) ? 'webrtc' : fork.target.transport,
    video: options.video === true,
    headers: options.headers ?? {},
    ...(fork.target.trunkId ? { trunkId: fork.target.trunkId } : {}),
  };
  const leg = new FreeswitchCallLeg(ctx, info, null);
  leg.attach(endpoint, dialog);
  host.track(leg);
  return leg;
}

/** Completes offer/answer between the winning callee and FreeSWITCH; on failure both are hung up. */
async function connectWinner(ctx: FsLegContext, answered: Answered): Promise<{ endpoint: FsEndpoint; dialog: SrfDialog }> {
  const fail = (err: unknown) => new OriginateError('normal_temporary_failure', (err as Error).message);
  if ('dialog' in answered) {
    const { endpoint, dialog } = answered;
    try {
      await within(endpoint.modify(dialog.remote.sdp), ctx.commandTimeoutMs, 'answer to FreeSWITCH');
      return { endpoint, dialog };
    } catch (err) {
      void dialog.destroy().catch(() => undefined);
      await release(ctx, endpoint);
      throw fail(err);
    }
  }
  const { late } = answered;
  let channel: OfferedChannel;
  try {
    channel = await ctx.offerToFreeswitch(late.sdp);
  } catch (err) {
    await late.destroy().catch(() => undefined);
    throw fail(err);
  }
  let dialog: SrfDialog | undefined;
  try {
    dialog = await late.ack(channel.answer);
    const endpoint = await channel.endpoint;
    ctx.endpointOpened(endpoint);
    return { endpoint, dialog };
  } catch (err) {
    await (dialog ? dialog.destroy() : late.destroy()).catch(() => undefined);
    await channel.abandon();
    throw fail(err);
  }
}

function race(forks: Fork[], options: OriginateOptions, invite: (f: Fork) => Promise<Answered>): Promise<{ fork: Fork; answered: Answered }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timedOut = false;
    let aborted = false;
    let pending = forks.length;
    const statuses: number[] = [];
    const cancelAll = (except?: Fork): void => {
      for (const f of forks) {
        if (f === except || f.done) continue;
        try {
          f.request?.cancel();
        } catch {
          // Already final: nothing to cancel.
        }
      }
    };
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      cancelAll();
      settle(() => reject(failureOf(statuses, true, false)));
    }, options.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      cancelAll();
      settle(() => reject(failureOf(statuses, false, true)));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (const f of forks) {
      invite(f).then(
        (answered) => {
          f.done = true;
          if (settled) {
            void ('dialog' in answered ? answered.dialog.destroy() : answered.late.destroy()).catch(() => undefined);
            return;
          }
          cancelAll(f);
          settle(() => resolve({ fork: f, answered }));
        },
        (err: unknown) => {
          f.done = true;
          statuses.push((err as Partial<SrfSipError>).status ?? 500);
          if (--pending === 0) settle(() => reject(failureOf(statuses, timedOut, aborted)));
        },
      );
    }
  });
}
