import { NotFound, ValidationError } from '../../../core/errors';
import { FRAME_SAMPLES, clamp16, type FrameSource } from './frame';

export interface MemberFlags {
  /** Others may hear me. */
  speak: boolean;
  /** I hear others. */
  hear: boolean;
  /** When set, only these members hear me (a whisper); null means everyone who can hear. */
  heardBy: ReadonlySet<string> | null;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** Frames a member may have queued; arrivals are bursty, mixing is on the steady clock. */
const QUEUE_FRAMES = 4;

class Member {
  readonly queue = Array.from({ length: QUEUE_FRAMES }, () => new Int16Array(FRAME_SAMPLES));
  head = 0;
  size = 0;
  readonly input = new Int16Array(FRAME_SAMPLES);
  hasInput = false;
  readonly output = new Int16Array(FRAME_SAMPLES);

  constructor(readonly id: string, public flags: MemberFlags) {}
}

/**
 * A conference mixer over 20 ms frames. Each member hears the sum of the members it may hear,
 * never itself: the everyone-may-hear speakers are summed once and the listener's own voice is
 * subtracted, then restricted (whispering) speakers are added for the members allowed to hear.
 * Buffers are allocated per member once; `mix` itself allocates nothing.
 */
export class ConferenceMixer {
  private readonly members = new Map<string, Member>();
  private readonly total = new Int32Array(FRAME_SAMPLES);
  private readonly acc = new Int32Array(FRAME_SAMPLES);

  addMember(id: string, flags: Partial<MemberFlags> = {}): void {
    if (this.members.has(id)) throw new ValidationError(`member ${id} already in conference`);
    this.members.set(id, new Member(id, { speak: true, hear: true, heardBy: null, ...flags }));
  }

  removeMember(id: string): void {
    this.members.delete(id);
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  get size(): number {
    return this.members.size;
  }

  flags(id: string): MemberFlags {
    return { ...this.member(id).flags };
  }

  setFlags(id: string, flags: Partial<MemberFlags>): void {
    const m = this.member(id);
    m.flags = { ...m.flags, ...flags };
  }

  /**
   * Supervisor monitoring: listen hears everyone and is heard by nobody; whisper is heard by the
   * agent only; barge is a full member.
   */
  monitor(supervisorId: string, mode: MonitorMode, agentId: string): void {
    this.member(agentId);
    if (mode === 'listen') this.setFlags(supervisorId, { speak: false, hear: true, heardBy: null });
    else if (mode === 'whisper') this.setFlags(supervisorId, { speak: true, hear: true, heardBy: new Set([agentId]) });
    else this.setFlags(supervisorId, { speak: true, hear: true, heardBy: null });
  }

  /** Queues one frame of this member's voice (copied; the caller may reuse `frame`). */
  put(id: string, frame: Int16Array): void {
    const m = this.members.get(id);
    if (!m) return; // a late frame from a member who just left
    if (m.size === QUEUE_FRAMES) {
      m.head = (m.head + 1) % QUEUE_FRAMES; // drop the oldest to bound latency
      m.size--;
    }
    const slot = m.queue[(m.head + m.size) % QUEUE_FRAMES]!;
    slot.set(frame.length >= FRAME_SAMPLES ? frame.subarray(0, FRAME_SAMPLES) : frame);
    if (frame.length < FRAME_SAMPLES) slot.fill(0, frame.length);
    m.size++;
  }

  /** Computes every member's output for this 20 ms tick. */
  mix(): void {
    const total = this.total;
    total.fill(0);
    for (const m of this.members.values()) {
      m.hasInput = m.size > 0;
      if (m.hasInput) {
        m.input.set(m.queue[m.head]!);
        m.head = (m.head + 1) % QUEUE_FRAMES;
        m.size--;
      }
      if (m.hasInput && m.flags.speak && m.flags.heardBy === null) {
        for (let i = 0; i < FRAME_SAMPLES; i++) total[i]! += m.input[i]!;
      }
    }
    for (const listener of this.members.values()) this.mixFor(listener);
  }

  private mixFor(listener: Member): void {
    const out = listener.output;
    if (!listener.flags.hear) {
      out.fill(0);
      return;
    }
    const acc = this.acc;
    acc.set(this.total);
    const own = listener.flags;
    if (listener.hasInput && own.speak && own.heardBy === null) {
      for (let i = 0; i < FRAME_SAMPLES; i++) acc[i]! -= listener.input[i]!;
    }
    for (const s of this.members.values()) {
      if (s === listener || !s.hasInput || !s.flags.speak || s.flags.heardBy === null) continue;
      if (!s.flags.heardBy.has(listener.id)) continue;
      for (let i = 0; i < FRAME_SAMPLES; i++) acc[i]! += s.input[i]!;
    }
    // Saturate instead of letting int16 wrap around (wrap-around is a loud crack).
    for (let i = 0; i < FRAME_SAMPLES; i++) out[i] = clamp16(acc[i]!);
  }

  /** The last mixed frame for a member; the buffer is reused on the next `mix`. */
  output(id: string): Int16Array {
    return this.member(id).output;
  }

  /** A frame source that plays a member's mix (call `mix` first in each tick). */
  sourceFor(id: string): FrameSource {
    const member = this.member(id);
    return {
      read: (out) => {
        out.set(member.output);
        return this.members.get(id) === member;
      },
    };
  }

  private member(id: string): Member {
    const m = this.members.get(id);
    if (!m) throw new NotFound(`member ${id} not in conference`);
    return m;
  }
}
