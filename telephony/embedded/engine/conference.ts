import { ValidationError } from '../../../core/errors';
import type { CallLeg, Conference, ConferenceMember, MemberFlags } from '../../engine';
import type { MediaClock } from '../media/media-clock';
import { EmbeddedCallLeg } from './call-leg';
import { Room } from './room';

/**
 * A named room. Members map onto the mixer: speak=false is listen (FreeSWITCH `mute`),
 * hear=false is `deaf`, notHeardBy is whisper (`relate … nospeak`). A leg joining from a
 * bridge leaves the bridge in the same turn.
 */
export class EmbeddedConference implements Conference {
  private readonly room: Room;
  private readonly byLeg = new Map<EmbeddedCallLeg, ConferenceMember>();

  constructor(readonly name: string, clock: MediaClock, private readonly onDestroy: (c: EmbeddedConference) => void) {
    this.room = new Room(clock);
  }

  async join(leg: CallLeg, flags: MemberFlags): Promise<ConferenceMember> {
    if (!(leg instanceof EmbeddedCallLeg)) throw new ValidationError('leg belongs to another engine');
    if (leg.state !== 'answered') throw new ValidationError(`cannot join a leg in state ${leg.state}`);
    this.room.join(leg, flags);
    let member = this.byLeg.get(leg);
    if (!member) {
      const m: ConferenceMember = {
        leg,
        setFlags: async (f) => {
          if (this.room.has(leg)) this.room.join(leg, f);
        },
        leave: async () => this.room.leave(leg),
      };
      member = m;
      this.byLeg.set(leg, m);
      leg.once('ended', () => this.byLeg.delete(leg));
    }
    return member;
  }

  members(): readonly ConferenceMember[] {
    return [...this.byLeg.entries()].filter(([leg]) => this.room.has(leg)).map(([, m]) => m);
  }

  async destroy(): Promise<void> {
    for (const leg of this.room.legs) this.room.leave(leg);
    this.byLeg.clear();
    this.onDestroy(this);
  }
}
