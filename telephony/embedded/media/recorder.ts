import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from './frame';
import { TICK_ORDER, type MediaClock } from './media-clock';
import { WavFileWriter } from './wav';

export type RecordSide = 'caller' | 'agent';

export interface PauseInterval {
  /** Offsets into the recording, in ms. */
  startMs: number;
  endMs: number;
}

const QUEUE_FRAMES = 4;

class SideQueue {
  private readonly frames = Array.from({ length: QUEUE_FRAMES }, () => new Int16Array(FRAME_SAMPLES));
  private head = 0;
  private size = 0;

  push(frame: Int16Array): void {
    if (this.size === QUEUE_FRAMES) {
      this.head = (this.head + 1) % QUEUE_FRAMES; // drop the oldest: a stalled side must not lag
      this.size--;
    }
    const slot = this.frames[(this.head + this.size) % QUEUE_FRAMES]!;
    const n = Math.min(frame.length, FRAME_SAMPLES);
    slot.set(frame.subarray(0, n));
    slot.fill(0, n);
    this.size++;
  }

  /** The next frame, or null when the side sent nothing for this tick. */
  shift(): Int16Array | null {
    if (this.size === 0) return null;
    const frame = this.frames[this.head]!;
    this.head = (this.head + 1) % QUEUE_FRAMES;
    this.size--;
    return frame;
  }

  clear(): void {
    this.size = 0;
  }
}

/**
 * Interleaves two directions into stereo on a shared 20 ms clock: each tick takes one frame per
 * side (silence when a side has none) so the channels never slide against each other. While
 * paused, ticks produce silence, which keeps the timeline true, and the interval is logged.
 */
export class StereoAligner {
  private readonly sides = { caller: new SideQueue(), agent: new SideQueue() };
  private readonly stereo = new Int16Array(FRAME_SAMPLES * 2);
  private frames = 0;
  private pausedAt: number | null = null;
  readonly pauses: PauseInterval[] = [];

  push(side: RecordSide, frame: Int16Array): void {
    if (this.pausedAt === null) this.sides[side].push(frame);
  }

  get positionMs(): number {
    return this.frames * FRAME_MS;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  pause(): void {
    if (this.pausedAt !== null) return;
    this.pausedAt = this.positionMs;
    this.sides.caller.clear();
    this.sides.agent.clear();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.pauses.push({ startMs: this.pausedAt, endMs: this.positionMs });
    this.pausedAt = null;
  }

  /** Produces the next interleaved stereo frame (left = caller); the buffer is reused. */
  tick(): Int16Array {
    const left = this.pausedAt === null ? this.sides.caller.shift() : null;
    const right = this.pausedAt === null ? this.sides.agent.shift() : null;
    const out = this.stereo;
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      out[2 * i] = left ? left[i]! : 0;
      out[2 * i + 1] = right ? right[i]! : 0;
    }
    this.frames++;
    return out;
  }

  /** Closes an open pause at the current position (used when the recording stops). */
  finish(): PauseInterval[] {
    this.resume();
    return this.pauses;
  }
}

export interface RecordingSummary {
  path: string;
  durationMs: number;
  pauses: PauseInterval[];
}

/** Streams a call to a stereo WAV (caller left, agent right), one frame per media-clock tick. */
export class StereoRecorder {
  private readonly aligner = new StereoAligner();
  private lastTick: number | null = null;
  private unsubscribe: (() => void) | null;

  private constructor(private readonly path: string, private readonly writer: WavFileWriter, clock: MediaClock) {
    this.unsubscribe = clock.subscribe((tick) => this.onTick(tick), TICK_ORDER.record);
  }

  static async start(path: string, clock: MediaClock): Promise<StereoRecorder> {
    const writer = await WavFileWriter.create(path, SAMPLE_RATE, 2);
    return new StereoRecorder(path, writer, clock);
  }

  /** Feed decoded frames from either direction (e.g. a bridge tap). */
  onFrame(side: RecordSide, frame: Int16Array): void {
    this.aligner.push(side, frame);
  }

  pause(): void {
    this.aligner.pause();
  }

  resume(): void {
    this.aligner.resume();
  }

  get paused(): boolean {
    return this.aligner.paused;
  }

  private onTick(tick: number): void {
    // A tick already under way still calls listeners that unsubscribed during it (a hang-up).
    if (this.unsubscribe === null) return;
    // If the clock skipped ticks (the process stalled), write one frame per elapsed tick.
    const count = this.lastTick === null ? 1 : Math.max(1, tick - this.lastTick);
    this.lastTick = tick;
    for (let i = 0; i < count; i++) this.writer.write(this.aligner.tick());
  }

  async stop(): Promise<RecordingSummary> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const pauses = this.aligner.finish();
    await this.writer.close();
    return { path: this.path, durationMs: this.aligner.positionMs, pauses };
  }
}
