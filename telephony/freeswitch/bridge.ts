import { ValidationError } from '../../core/errors';
import type { Bridge, CallLeg } from '../engine';
import { api, bridgeNow, setVars } from './esl-call';
import type { FreeswitchCallLeg } from './leg';

/** Takes `leg` out of whatever bridge it is in; its partner parks (park_after_bridge) and hears silence. */
export async function leaveBridge(leg: FreeswitchCallLeg): Promise<void> {
  const partner = leg.bridgedWith;
  const ep = leg.endpoint;
  if (!partner || !ep) return;
  leg.bridgedWith = null;
  if (partner.bridgedWith === leg) partner.bridgedWith = null;
  if (!leg.ended) await api(ep, 'uuid_transfer', `${ep.uuid} park inline`, leg.ctx.commandTimeoutMs).catch(() => undefined);
}

/**
 * Two answered legs talking through FreeSWITCH (uuid_bridge). Both channels carry
 * park_after_bridge, so when the bridge breaks (unbridge, a new bridge, one side hanging up)
 * the survivor parks in silence instead of running off the end of its dialplan.
 */
export class FsBridge implements Bridge {
  constructor(readonly legs: readonly [FreeswitchCallLeg, FreeswitchCallLeg]) {}

  static async create(a: FreeswitchCallLeg, b: FreeswitchCallLeg): Promise<FsBridge> {
    const [epA, epB] = [a.endpoint, b.endpoint];
    if (!epA || !epB) throw new ValidationError('both legs need media to be bridged');
    const t = a.ctx.commandTimeoutMs;
    await Promise.all([setVars(epA, { park_after_bridge: 'true' }, t), setVars(epB, { park_after_bridge: 'true' }, t)]);
    for (const leg of [a, b]) {
      const old = leg.bridgedWith;
      if (old && old !== a && old !== b && old.bridgedWith === leg) old.bridgedWith = null;
    }
    await bridgeNow(epA, epB, t);
    a.bridgedWith = b;
    b.bridgedWith = a;
    return new FsBridge([a, b]);
  }

  includes(leg: CallLeg): boolean {
    return this.legs.some((l) => l === leg);
  }

  /** Each leg still here parks in silence (prompts and hold music can then play to it). */
  async unbridge(): Promise<void> {
    const [a, b] = this.legs;
    if (a.bridgedWith !== b) return;
    const ep = a.ended ? b.endpoint : a.endpoint;
    a.bridgedWith = null;
    b.bridgedWith = null;
    if (ep && !(a.ended && b.ended)) await api(ep, 'uuid_transfer', `${ep.uuid} -both park inline`, a.ctx.commandTimeoutMs).catch(() => undefined);
  }
}
