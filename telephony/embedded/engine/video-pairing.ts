import { relayVideo, type VideoLeg } from '../webrtc/video-relay';

/** What the pairing needs from a room member. */
export interface VideoMember {
  readonly videoLeg?: VideoLeg | null;
}

/**
 * Which members of a room see each other. Video is relayed, not mixed (no decoding, no
 * compositing), so a room carries one video pair: the first two members in join order whose
 * legs agreed on the same codec. In the ACD that is the caller (joins first) and the agent; a
 * supervisor or third party joining later hears the call but gets no video, and after a
 * transfer the pair moves to the caller and the new agent once the old one leaves.
 */
export function choosePair<T extends VideoMember>(members: readonly T[]): [T, T] | null {
  const video = members.filter((m) => m.videoLeg);
  for (let i = 0; i < video.length; i++) {
    for (let j = i + 1; j < video.length; j++) {
      const a = video[i]!;
      const b = video[j]!;
      if (a.videoLeg!.videoCodec === b.videoLeg!.videoCodec) return [a, b];
    }
  }
  return null;
}

/** Keeps the room's one video relay in step with its members. */
export class VideoPairing<T extends VideoMember> {
  private current: { a: T; b: T; stop: () => void } | null = null;

  /** Call after every join and leave. */
  update(members: readonly T[]): void {
    const pair = choosePair(members);
    const c = this.current;
    if (c && pair && c.a === pair[0] && c.b === pair[1]) return;
    this.stop();
    if (!pair) return;
    const stop = relayVideo(pair[0].videoLeg!, pair[1].videoLeg!);
    // Joined mid-stream, each viewer's decoder asks for a key frame and the relay forwards it.
    if (stop) this.current = { a: pair[0], b: pair[1], stop };
  }

  get pair(): readonly [T, T] | null {
    return this.current ? [this.current.a, this.current.b] : null;
  }

  stop(): void {
    this.current?.stop();
    this.current = null;
  }
}
