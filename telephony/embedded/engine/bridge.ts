import type { Bridge } from '../../engine';
import type { MediaClock } from '../media/media-clock';
import type { EmbeddedCallLeg } from './call-leg';
import { Room } from './room';

const FULL = { speak: true, hear: true } as const;

/**
 * A bridge is a two-member room rather than a payload relay (media/bridge.ts): the mixer costs
 * ~320 additions per tick, G.711 transcoding is a table lookup, and in exchange a monitor can
 * join, whisper or barge without re-plumbing the call, recording taps see every case alike,
 * and any LegMedia (RTP or WebRTC) bridges to any other.
 */
export class EmbeddedBridge implements Bridge {
  private readonly room: Room;

  constructor(clock: MediaClock, readonly legs: readonly [EmbeddedCallLeg, EmbeddedCallLeg]) {
    this.room = new Room(clock);
    for (const leg of legs) this.room.join(leg, FULL);
  }

  /** Each leg still here goes back to silence (prompts and hold music keep playing). */
  async unbridge(): Promise<void> {
    for (const leg of this.legs) this.room.leave(leg);
  }
}
