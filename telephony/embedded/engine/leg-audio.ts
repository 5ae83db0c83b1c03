import type { FrameSource } from '../media/frame';

type FrameTap = (frame: Int16Array) => void;

/** A room (bridge or conference) a leg belongs to: it hears the room and the room hears it. */
export interface RoomSeat {
  /** The leg's mix; read once per tick. */
  readonly source: FrameSource;
  /** Takes the leg's voice. */
  readonly sink: FrameTap;
  /** Leaves the room (the room forgets the leg). */
  leave(): void;
}

interface Override {
  source: FrameSource;
  done: (finished: boolean) => void;
}

/**
 * The one frame source installed on a leg's media for its whole life. Each tick it plays, in
 * order of precedence: a prompt or hold music (the override), the leg's room mix, or silence,
 * and shows the frame to taps (the right channel of a recording). Received frames go to the
 * room unless the leg is held, and to taps (the left channel).
 */
export class LegAudio implements FrameSource {
  private override: Override | null = null;
  private seat: RoomSeat | null = null;
  private readonly heardTaps = new Set<FrameTap>();
  private readonly saidTaps = new Set<FrameTap>();
  /** While held the far end is not heard in its room. */
  muted = false;
  readonly onFrame = (frame: Int16Array): void => {
    for (const tap of this.saidTaps) tap(frame);
    if (!this.muted) this.seat?.sink(frame);
  };

  read(out: Int16Array): boolean {
    const o = this.override;
    if (o) {
      if (!o.source.read(out)) {
        this.override = null;
        o.done(true);
      }
    } else if (this.seat) this.seat.source.read(out);
    else out.fill(0);
    for (const tap of this.heardTaps) tap(out);
    return true;
  }

  /** Plays `source` over whatever the leg hears; `done(false)` when replaced or stopped. */
  play(source: FrameSource, done: (finished: boolean) => void): void {
    const previous = this.override;
    this.override = { source, done };
    previous?.done(false);
  }

  /** Stops the override if it is `source` (or any override when omitted). */
  stop(source?: FrameSource): void {
    const o = this.override;
    if (!o || (source && o.source !== source)) return;
    this.override = null;
    o.done(false);
  }

  get room(): RoomSeat | null {
    return this.seat;
  }

  /** Moves the leg into a room, leaving the one it was in: no gap, no renegotiation. */
  enter(seat: RoomSeat): void {
    const old = this.seat;
    this.seat = seat;
    if (old && old !== seat) old.leave();
  }

  /** Called by a room when it lets the leg go. */
  exit(seat: RoomSeat): void {
    if (this.seat === seat) this.seat = null;
  }

  tapSaid(tap: FrameTap): () => void {
    this.saidTaps.add(tap);
    return () => this.saidTaps.delete(tap);
  }

  tapHeard(tap: FrameTap): () => void {
    this.heardTaps.add(tap);
    return () => this.heardTaps.delete(tap);
  }

  /** The leg ended: stop the override and leave the room. */
  release(): void {
    this.stop();
    const seat = this.seat;
    this.seat = null;
    seat?.leave();
    this.saidTaps.clear();
    this.heardTaps.clear();
  }
}
