import type { VideoCodecName } from './sdp-policy';

/** What a leg needs for video pass-through; WebRtcSession has it (a SIP video leg could too). */
export interface VideoLeg {
  readonly videoCodec: VideoCodecName | null;
  on(event: 'videoRtp', listener: (packet: Buffer) => void): unknown;
  on(event: 'keyframeRequest', listener: () => void): unknown;
  off(event: 'videoRtp', listener: (packet: Buffer) => void): unknown;
  off(event: 'keyframeRequest', listener: () => void): unknown;
  sendVideoRtp(packet: Uint8Array): void;
  requestKeyframe(): void;
}

/**
 * Relays video RTP both ways between two legs without decoding: each packet goes out with the
 * receiving leg's SSRC and payload type, and a key-frame request (PLI/FIR) from one browser is
 * passed to the leg whose video it watches. That is also how a relay started mid-stream gets
 * going: the viewer cannot decode, asks for a key frame, and the request reaches the sender.
 * Both legs must have agreed on the same codec;
 * otherwise nothing is relayed and null comes back. Returns the function that stops the relay.
 */
export function relayVideo(a: VideoLeg, b: VideoLeg): (() => void) | null {
  if (!a.videoCodec || a.videoCodec !== b.videoCodec) return null;
  const aToB = (packet: Buffer): void => b.sendVideoRtp(packet);
  const bToA = (packet: Buffer): void => a.sendVideoRtp(packet);
  const aWantsKeyframe = (): void => b.requestKeyframe();
  const bWantsKeyframe = (): void => a.requestKeyframe();
  a.on('videoRtp', aToB);
  b.on('videoRtp', bToA);
  a.on('keyframeRequest', aWantsKeyframe);
  b.on('keyframeRequest', bWantsKeyframe);
  return () => {
    a.off('videoRtp', aToB);
    b.off('videoRtp', bToA);
    a.off('keyframeRequest', aWantsKeyframe);
    b.off('keyframeRequest', bWantsKeyframe);
  };
}
