/**
 * The telephony port: every piece of call control that the IVR, voice ACD, recording and
 * monitoring may use. Two engines implement it — `embedded/` (pure TypeScript SIP + RTP,
 * the default) and `freeswitch/` (drachtio-srf + drachtio-fsmrf@4.1.2 on FreeSWITCH) — and both
 * pass `telephony/contract/`. Nothing outside `telephony/` depends on which one runs.
 *
 * Beside each operation: how the FreeSWITCH engine does it.
 *
 * | port                          | drachtio-srf / drachtio-fsmrf / FreeSWITCH                                  |
 * |-------------------------------|------------------------------------------------------------------------------|
 * | onInbound                     | `srf.invite((req,res)=>…)`; FS dialplan answers, then `ms.connectCaller(req,res)` → {endpoint, dialog} |
 * | leg.ring / leg.reject         | `res.send(180)` / `res.send(status)` before connectCaller                   |
 * | leg.answer                    | `ms.connectCaller(req, res)` (FS answers the B2BUA leg, SDP from the endpoint) |
 * | leg.play                      | `endpoint.play(file | ['tone_stream://…', 'silence_stream://…'])`; loop: `endless_playback`; DTMF break: `playback_terminators` var |
 * | leg.playCollect               | `endpoint.playCollect({file, min, max, tries:1, timeout, digitTimeout, terminators})` (`play_and_get_digits`) |
 * | leg.stopMedia                 | `endpoint.api('uuid_break', uuid)`                                          |
 * | leg.sendDtmf                  | `endpoint.api('uuid_send_dtmf', uuid + ' ' + digits)`                      |
 * | leg.record                    | `RECORD_STEREO=true` then `endpoint.recordSession(path)` (`uuid_record start`); pause/resume: `uuid_record mask/unmask` |
 * | leg.hold / unhold             | `dialog.modify(sdp a=sendonly)` toward the phone + `endpoint.execute('playback', moh)`; unhold: `dialog.modify(sendrecv)` + `uuid_break` |
 * | engine.bridge / unbridge      | `endpointA.bridge(endpointB)` (`uuid_bridge`) / `endpoint.unbridge()` (`uuid_transfer … park`) |
 * | engine.originate              | `srf.createUAC(uri, {localSdp: ep.local.sdp})` to a registered contact or a trunk, then `ep.modify(remoteSdp)` |
 * | leg 'refer' event             | `dialog.on('refer')` (drachtio-srf) answered with 202 + NOTIFY sipfrag      |
 * | engine.conference / member    | `ms.createConference(name)`; `endpoint.join(conf, {flags:{mute,deaf}})`      |
 * |   flags.speak=false (listen)  | member flag `mute`                                                           |
 * |   flags.hear=false            | member flag `deaf`                                                           |
 * |   notHeardBy (whisper)        | `conference <name> relate <member> <other> nospeak`                          |
 * | leg.hangup                    | `dialog.destroy({headers:{Reason:'Q.850;cause=…'}})` + `endpoint.destroy()` |
 * | events dtmf / ended / media   | endpoint `dtmf` (ESL DTMF), dialog `destroy`, ESL `CHANNEL_HANGUP` with `variable_rtp_timeout` |
 */
import type { EventEmitter } from 'node:events';

/** Q.850-flavoured causes, the words both engines report. */
export type HangupCause =
  | 'normal_clearing'
  | 'user_busy'
  | 'no_answer'
  | 'call_rejected'
  | 'originator_cancel'
  | 'media_timeout'
  | 'unallocated_number'
  | 'service_unavailable'
  | 'normal_temporary_failure'
  | 'recovery_on_timer_expire'
  | 'transfer';

/** Who ended the leg: the far end, or we did (an API call or a timer). */
export type HangupSide = 'remote' | 'local';

export interface Party {
  /** User part of the URI: the caller's number or the extension. */
  user: string;
  displayName?: string;
  uri: string;
}

export interface LegInfo {
  id: string;
  direction: 'inbound' | 'outbound';
  from: Party;
  to: Party;
  /** The SIP Call-ID, for CDR correlation with the peer's logs. */
  sipCallId: string;
  /** Set when the call came from (or went to) a configured trunk. */
  trunkId?: string;
  /** 'webrtc' for browser legs (SIP over WebSocket with DTLS-SRTP). */
  transport: 'udp' | 'tcp' | 'ws' | 'wss' | 'webrtc';
  /**
   * The offer asked for video as well as audio and this engine can carry it (the embedded engine:
   * WebRTC legs with VP8/H.264 pass-through; an RTP/AVP video offer is answered audio-only).
   */
  video: boolean;
  /** X- headers from the INVITE, for IVR conditions and CRM lookups. */
  headers: Record<string, string>;
}

export type PlaySource =
  | { kind: 'file'; path: string }
  | { kind: 'tone'; tone: 'ringback' | 'busy' | 'beep' | { frequencies: number[]; onMs: number; offMs: number }; durationMs?: number }
  | { kind: 'silence'; durationMs: number }
  | { kind: 'moh' };

export interface PlayOptions {
  /** Repeat the list until stopped. */
  loop?: boolean;
  /** Stop when any of these digits arrives (true: any digit). */
  interruptOn?: boolean | string;
}

export interface PlayResult {
  /** The digit that cut the prompt short, if any. */
  interruptedBy?: string;
  /** Stopped by stopMedia() or hangup rather than played to the end. */
  stopped: boolean;
}

export interface CollectOptions {
  minDigits: number;
  maxDigits: number;
  /** Digits that end the input early (not included in the result), e.g. '#'. */
  terminators?: string;
  /** Time allowed before the first digit, after the prompt ends. */
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  totalTimeoutMs?: number;
}

export interface CollectResult {
  digits: string;
  reason: 'max_digits' | 'terminator' | 'timeout' | 'hangup';
}

export interface DtmfEvent {
  digit: string;
  durationMs: number;
  method: 'rfc4733' | 'info';
}

export interface RecordingControl {
  readonly path: string;
  pause(): void;
  resume(): void;
  /** Stops and closes the file; resolves with its length and pauses. */
  stop(): Promise<{ durationMs: number; pausedIntervals: Array<{ fromMs: number; toMs: number }> }>;
}

export interface LegEvents {
  answered: [];
  dtmf: [DtmfEvent];
  /** The far end asked to transfer the call (SIP REFER). The engine has already accepted it. */
  refer: [{ target: string }];
  /** Media stopped flowing from the far end for longer than the engine's RTP timeout. */
  'media-timeout': [];
  ended: [{ cause: HangupCause; side: HangupSide }];
}

export interface CallLeg extends EventEmitter<LegEvents> {
  readonly info: LegInfo;
  readonly state: 'ringing' | 'answered' | 'ended';
  ring(): Promise<void>;
  answer(): Promise<void>;
  reject(status: 403 | 404 | 480 | 486 | 503 | 603): Promise<void>;
  /**
   * Digits pressed while no play/collect was listening are kept and handed to the next one
   * (type-ahead, as FreeSWITCH queues DTMF on the channel): a caller who presses a key during a
   * gap between prompts is not ignored.
   */
  play(sources: PlaySource[], options?: PlayOptions): Promise<PlayResult>;
  playCollect(sources: PlaySource[], options: CollectOptions): Promise<CollectResult>;
  /** Stops whatever play/playCollect is running on this leg. */
  stopMedia(): void;
  sendDtmf(digits: string): Promise<void>;
  /** Stereo WAV: left = what this leg says, right = what it hears. */
  record(path: string): Promise<RecordingControl>;
  /** Puts the far end on hold (re-INVITE sendonly) and plays it music on hold. */
  hold(): Promise<void>;
  unhold(): Promise<void>;
  hangup(cause?: HangupCause): Promise<void>;
}

export interface OriginateTarget {
  /** A registered extension (rings all its registrations), or a number sent through a trunk. */
  kind: 'extension' | 'trunk';
  destination: string;
  trunkId?: string;
}

export interface OriginateOptions {
  callerId: Party;
  timeoutMs: number;
  video?: boolean;
  headers?: Record<string, string>;
  /** Aborting gives up the attempt (SIP CANCEL) and rejects with OriginateError('originator_cancel'). */
  signal?: AbortSignal;
}

/** Why an originate did not end in an answered leg. */
export class OriginateError extends Error {
  constructor(
    readonly hangupCause: HangupCause,
    message?: string,
  ) {
    super(message ?? `originate failed: ${hangupCause}`);
    this.name = 'OriginateError';
  }
}

export interface Bridge {
  readonly legs: readonly [CallLeg, CallLeg];
  unbridge(): Promise<void>;
}

/** Listen: hears all, heard by none. Whisper: heard by the agent only. Barge: a full member. */
export interface MemberFlags {
  speak: boolean;
  hear: boolean;
  /** Members who must not hear this one even when it speaks (whisper). */
  notHeardBy?: readonly CallLeg[];
}

export interface ConferenceMember {
  readonly leg: CallLeg;
  setFlags(flags: MemberFlags): Promise<void>;
  leave(): Promise<void>;
}

export interface Conference {
  readonly name: string;
  join(leg: CallLeg, flags: MemberFlags): Promise<ConferenceMember>;
  members(): readonly ConferenceMember[];
  destroy(): Promise<void>;
}

export interface EngineEvents {
  /** A new inbound call waiting for ring/answer/reject. */
  inbound: [CallLeg];
  registered: [{ extension: string; contacts: number }];
  unregistered: [{ extension: string }];
  /** The engine lost (false) or regained (true) what it needs to take calls. */
  health: [boolean];
}

export interface TelephonyEngine extends EventEmitter<EngineEvents> {
  readonly name: 'embedded' | 'freeswitch';
  start(): Promise<void>;
  originate(target: OriginateTarget, options: OriginateOptions): Promise<CallLeg>;
  bridge(a: CallLeg, b: CallLeg): Promise<Bridge>;
  conference(name: string): Promise<Conference>;
  isRegistered(extension: string): boolean;
  ready(): Promise<boolean>;
  stop(): Promise<void>;
}
