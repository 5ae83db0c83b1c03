import type { MemberFlags } from '../../engine';
import { TICK_ORDER, type MediaClock } from '../media/media-clock';
import { ConferenceMixer } from '../media/mixer';
import type { VideoLeg } from '../webrtc/video-relay';
import type { LegAudio, RoomSeat } from './leg-audio';
import { VideoPairing } from './video-pairing';

/** What a room needs from a leg. */
export interface RoomLeg {
  readonly info: { readonly id: string };
  readonly audio: LegAudio;
  /** Agreed video, if any: two such members relay it to each other (video-pairing.ts). */
  readonly videoLeg?: VideoLeg | null;
}

interface Seated {
  seat: RoomSeat;
  flags: MemberFlags;
}

/**
 * A ConferenceMixer ticked by the shared media clock (before the sessions send its output).
 * Bridges and conferences are both rooms, so a bridged call that a supervisor joins moves into
 * a conference by swapping each leg's seat: no re-INVITE, no gap beyond one 20 ms frame.
 * Video is relayed between one pair of members (video-pairing.ts), audio mixed for all.
 */
export class Room {
  private readonly mixer = new ConferenceMixer();
  private readonly seated = new Map<RoomLeg, Seated>();
  private unsubscribe: (() => void) | null = null;
  private readonly video = new VideoPairing<RoomLeg>();

  constructor(private readonly clock: MediaClock) {}

  get legs(): RoomLeg[] {
    return [...this.seated.keys()];
  }

  has(leg: RoomLeg): boolean {
    return this.seated.has(leg);
  }

  flagsOf(leg: RoomLeg): MemberFlags | undefined {
    return this.seated.get(leg)?.flags;
  }

  join(leg: RoomLeg, flags: MemberFlags): void {
    const existing = this.seated.get(leg);
    if (existing) {
      existing.flags = flags;
      this.applyFlags();
      return;
    }
    const id = leg.info.id;
    this.mixer.addMember(id, { speak: flags.speak, hear: flags.hear });
    const seat: RoomSeat = {
      source: this.mixer.sourceFor(id),
      sink: (frame) => this.mixer.put(id, frame),
      leave: () => this.leave(leg),
    };
    this.seated.set(leg, { seat, flags });
    leg.audio.enter(seat);
    this.applyFlags();
    this.video.update(this.legs);
    this.unsubscribe ??= this.clock.subscribe(() => this.mixer.mix(), TICK_ORDER.mix);
  }

  leave(leg: RoomLeg): void {
    const s = this.seated.get(leg);
    if (!s) return;
    this.seated.delete(leg);
    this.mixer.removeMember(leg.info.id);
    leg.audio.exit(s.seat);
    this.applyFlags();
    this.video.update(this.legs);
    if (this.seated.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = null;
    }
  }

  /**
   * The port says who must not hear a member (notHeardBy); the mixer wants who may (heardBy).
   * Recomputed on every change so a member joining later hears a whisperer only if allowed.
   */
  private applyFlags(): void {
    for (const [leg, { flags }] of this.seated) {
      const excluded = new Set((flags.notHeardBy ?? []).map((l) => l.info.id));
      const heardBy = excluded.size === 0 ? null : new Set([...this.seated.keys()].map((l) => l.info.id).filter((id) => id !== leg.info.id && !excluded.has(id)));
      this.mixer.setFlags(leg.info.id, { speak: flags.speak, hear: flags.hear, heardBy });
    }
  }
}
