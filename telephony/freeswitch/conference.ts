import { ValidationError } from '../../core/errors';
import type { CallLeg, Conference, ConferenceMember, MemberFlags } from '../engine';
import { leaveBridge } from './bridge';
import { api, within } from './esl-call';
import { FreeswitchCallLeg } from './leg';
import { flagCommands, joinedState, joinFlags, type MemberState } from './member-flags';

class FsMember implements ConferenceMember {
  state: MemberState;

  constructor(
    private readonly conf: FsConference,
    readonly leg: FreeswitchCallLeg,
    readonly memberId: number,
    flags: MemberFlags,
  ) {
    this.state = joinedState(flags);
  }

  async setFlags(flags: MemberFlags): Promise<void> {
    const ep = this.leg.endpoint;
    if (!ep || this.leg.ended) return;
    const nospeak = (flags.notHeardBy ?? []).map((l) => this.conf.memberOf(l)?.memberId).filter((id): id is number => id !== undefined);
    const next: MemberState = { speak: flags.speak, hear: flags.hear, nospeak };
    for (const cmd of flagCommands(this.conf.name, this.memberId, this.state, next)) {
      const [command = '', ...args] = cmd.split(' ');
      await api(ep, command, args.join(' '), this.leg.ctx.commandTimeoutMs);
    }
    this.state = next;
  }

  async leave(): Promise<void> {
    await this.conf.remove(this);
  }
}

/**
 * A mod_conference room, created by its first member. Members join with `mute`/`deaf` flags and
 * are adjusted with the conference API (member-flags.ts); leaving is `hup` (no kick sound), after
 * which the channel parks where it was.
 */
export class FsConference implements Conference {
  private readonly byLeg = new Map<FreeswitchCallLeg, FsMember>();

  constructor(
    readonly name: string,
    private readonly profile: string,
    private readonly onDestroy: (c: FsConference) => void,
  ) {}

  memberOf(leg: CallLeg): FsMember | undefined {
    return leg instanceof FreeswitchCallLeg ? this.byLeg.get(leg) : undefined;
  }

  async join(leg: CallLeg, flags: MemberFlags): Promise<ConferenceMember> {
    if (!(leg instanceof FreeswitchCallLeg)) throw new ValidationError('leg belongs to another engine');
    const ep = leg.endpoint;
    if (leg.state !== 'answered' || !ep) throw new ValidationError(`cannot join a leg in state ${leg.state}`);
    const existing = this.byLeg.get(leg);
    if (existing) {
      await existing.setFlags(flags);
      return existing;
    }
    // A bridged channel runs the bridge, not our applications: take it out first.
    await leaveBridge(leg);
    const joined = await within(ep.join(this.name, { flags: onlyTrue(joinFlags(flags)), profile: this.profile }), leg.ctx.commandTimeoutMs * 2, 'conference join');
    const member = new FsMember(this, leg, joined.memberId, { speak: flags.speak, hear: flags.hear });
    this.byLeg.set(leg, member);
    leg.once('ended', () => this.byLeg.delete(leg));
    if (flags.notHeardBy?.length) await member.setFlags(flags);
    return member;
  }

  members(): readonly ConferenceMember[] {
    return [...this.byLeg.values()];
  }

  async remove(member: FsMember): Promise<void> {
    if (this.byLeg.get(member.leg) !== member) return;
    this.byLeg.delete(member.leg);
    const ep = member.leg.endpoint;
    if (ep && !member.leg.ended) await api(ep, 'conference', `${this.name} hup ${member.memberId}`, member.leg.ctx.commandTimeoutMs).catch(() => undefined);
  }

  async destroy(): Promise<void> {
    for (const member of [...this.byLeg.values()]) await this.remove(member);
    this.onDestroy(this);
  }
}

function onlyTrue(flags: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v));
}
