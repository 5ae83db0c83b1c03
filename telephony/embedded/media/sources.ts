import type { FrameSource } from './frame';

/** Plays nothing forever; what a session sends when it has no other source. */
export class SilenceSource implements FrameSource {
  read(out: Int16Array): boolean {
    out.fill(0);
    return true;
  }
}

/**
 * Plays a buffer of 8 kHz samples (a prompt) once or in a loop. The samples may be shared by
 * many sources (one MOH buffer for every held caller): each source only keeps its position.
 */
export class PcmSource implements FrameSource {
  private position = 0;

  constructor(private readonly samples: Int16Array, private readonly loop = false) {}

  get done(): boolean {
    return !this.loop && this.position >= this.samples.length;
  }

  read(out: Int16Array): boolean {
    const total = this.samples.length;
    if (total === 0 || this.done) {
      out.fill(0);
      return false;
    }
    let written = 0;
    while (written < out.length) {
      const n = Math.min(out.length - written, total - this.position);
      out.set(this.samples.subarray(this.position, this.position + n), written);
      written += n;
      this.position += n;
      if (this.position < total) continue;
      if (!this.loop) break;
      this.position = 0;
    }
    // A prompt's last partial frame is padded with silence.
    if (written < out.length) out.fill(0, written);
    return true;
  }
}
