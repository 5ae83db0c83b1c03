import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { VideoCodecName } from '../webrtc/sdp-policy';
import type { VideoLeg } from '../webrtc/video-relay';
import { choosePair, VideoPairing } from './video-pairing';

class FakeVideo extends EventEmitter implements VideoLeg {
  readonly sent: number[] = [];
  keyframes = 0;
  constructor(readonly videoCodec: VideoCodecName | null) {
    super();
  }
  sendVideoRtp(packet: Uint8Array): void {
    this.sent.push(packet[0] ?? -1);
  }
  requestKeyframe(): void {
    this.keyframes++;
  }
}

const member = (codec: VideoCodecName | null) => ({ videoLeg: codec ? new FakeVideo(codec) : null });

describe('video pairing in a room', () => {
  it('pairs the first two members (join order) that agreed on the same codec', () => {
    const caller = member('VP8');
    const audioOnly = member(null);
    const h264 = member('H264');
    const agent = member('VP8');
    const monitor = member('VP8');
    expect(choosePair([caller, audioOnly, h264, agent, monitor])).toEqual([caller, agent]);
    expect(choosePair([caller, h264])).toBeNull();
  });

  it('relays packets and key-frame requests both ways, and moves the pair when a member leaves', () => {
    const caller = member('VP8');
    const agent = member('VP8');
    const next = member('VP8');
    const pairing = new VideoPairing<{ videoLeg: FakeVideo | null }>();
    pairing.update([caller, agent, next]);
    caller.videoLeg!.emit('videoRtp', Buffer.from([1]));
    agent.videoLeg!.emit('videoRtp', Buffer.from([2]));
    agent.videoLeg!.emit('keyframeRequest');
    expect(agent.videoLeg!.sent).toEqual([1]);
    expect(caller.videoLeg!.sent).toEqual([2]);
    expect(caller.videoLeg!.keyframes).toBe(1);
    expect(next.videoLeg!.sent).toEqual([]);
    // A transfer: the old agent leaves, the caller now sees the new one.
    pairing.update([caller, next]);
    caller.videoLeg!.emit('videoRtp', Buffer.from([3]));
    expect(agent.videoLeg!.sent).toEqual([1]);
    expect(next.videoLeg!.sent).toEqual([3]);
    pairing.stop();
    caller.videoLeg!.emit('videoRtp', Buffer.from([4]));
    expect(next.videoLeg!.sent).toEqual([3]);
  });
});
