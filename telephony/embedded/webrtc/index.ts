/** Browser call legs: DTLS-SRTP G.711 audio and video pass-through (see webrtc-session.ts). */
export { WebRtcSession, type WebRtcSessionOptions, type WebRtcSessionEvents } from './webrtc-session';
export { WebRtcMediaFactory, type WebRtcMediaOptions } from './media-factory';
export { relayVideo, type VideoLeg } from './video-relay';
export { narrowOffer, agreedCodecs, type VideoCodecName, type AgreedCodecs } from './sdp-policy';
export type { IceOptions } from './werift-adapter';
