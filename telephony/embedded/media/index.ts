export { SAMPLE_RATE, FRAME_MS, FRAME_SAMPLES, clamp16, isPayloadSource, type FrameSource, type PayloadSource } from './frame';
export {
  parseRtp, parseRtpInto, createRtpView, serializeRtp, writeRtpHeader, looksLikeRtcp, rtpPacketSize,
  type RtpHeader, type RtpExtension, type RtpPacket, type RtpView,
} from './rtp';
export {
  buildSenderReport, buildReceiverReport, parseRtcp, toNtp, ntpMiddle,
  type RtcpPacket, type SenderReport, type ReceiverReport, type ReportBlock, type SourceDescription, type Goodbye,
} from './rtcp';
export { ReceptionStats } from './reception-stats';
export { PCMU, PCMA, g711ForPayloadType, g711ByName, type G711Codec, type G711Name } from './g711';
export {
  DtmfDecoder, dtmfPackets, dtmfEventCode, dtmfDigit, parseTelephoneEvent, serializeTelephoneEvent,
  type DetectedDigit, type DtmfEncodeOptions, type DtmfPacketSpec, type TelephoneEvent,
} from './dtmf';
export { DtmfCollector, type CollectOptions, type CollectReason, type CollectResult } from './dtmf-collector';
export { readWav, readWavFile, toTelephonyPcm, loadPrompt, writeWavFile, wavHeader, WavFileWriter, type WavData, type WavEncoding } from './wav';
export { resample } from './resample';
export { SilenceSource, PcmSource } from './sources';
export { ToneGenerator, TONES, type ToneSpec } from './tone';
export { createMohSource, builtInMelody, type MohOptions } from './moh';
export { ConferenceMixer, type MemberFlags, type MonitorMode } from './mixer';
export { StereoAligner, StereoRecorder, type RecordSide, type PauseInterval, type RecordingSummary } from './recorder';
export { MediaClock, TICK_ORDER, type MediaClockOptions, type TimeSource, type TimerPort, type TickListener } from './media-clock';
export { PortPool, type PortRange } from './port-pool';
export { ReorderBuffer } from './reorder-buffer';
export { RtpSender, type RtpSenderOptions } from './rtp-sender';
export { AudioReceiver, type AudioReceiverOptions, type AudioReceiverSink } from './audio-receiver';
export { RtpSession, type RtpSessionOptions, type RtpSessionEvents, type RtpAddress, type FrameInfo } from './rtp-session';
export { MediaBridge, PayloadQueue, type BridgeSide, type BridgeTap } from './bridge';
export {
  parseSdp, buildSdp, rtpMaps, fmtp, direction, ptime, mediaAddress, answerDirection,
  type SessionDescription, type SdpMedia, type SdpAttribute, type SdpConnection, type SdpOrigin, type RtpMap, type Direction,
} from './sdp';
export { negotiate, buildOffer, type NegotiationOptions, type Negotiation, type NegotiatedAudio } from './sdp-negotiate';
