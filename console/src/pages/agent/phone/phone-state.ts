import type { OfferView } from '../../../../../core/realtime/events';

export type { OfferView };

/** The softphone's SIP registration, as the status badge shows it. */
export type Registration = 'idle' | 'connecting' | 'registered' | 'unregistered' | 'failed';

/**
 * `unavailable`: the queue never records (or the call is not an ACD call), so the control is hidden;
 * `off`: on-demand recording not started yet.
 */
export type RecordingState = 'unavailable' | 'off' | 'on' | 'paused';

export type CallPhase = 'ringing' | 'dialling' | 'talking';

/** Call-control requests that take a while (a transfer rings the target first). */
export type PendingAction = 'answer' | 'hold' | 'transfer' | 'conference' | 'recording' | 'hangup' | 'consult';

export interface CallView {
  /** Local id of the SIP session (not the interaction id). */
  id: string;
  direction: 'inbound' | 'outbound';
  phase: CallPhase;
  /** The other side's number (user part of the SIP URI). */
  remote: string;
  remoteName: string | null;
  /** From the INVITE's X-Interaction-Id: set for calls the ACD put through to this agent. */
  interactionId: string | null;
  queue: string | null;
  /** The screen-pop data, once the `offer` event with the same interaction id arrived. */
  offer: OfferView | null;
  /** The INVITE offered video (a video queue, or a video call from another browser). */
  video: boolean;
  videoSending: boolean;
  /** Epoch ms when the call was answered, for the call timer. */
  startedAt: number | null;
  muted: boolean;
  held: boolean;
  recording: RecordingState;
  /** A supervisor is listening, whispering or barging, when the queue's policy lets the agent know. */
  monitored: 'listen' | 'whisper' | 'barge' | null;
  pending: PendingAction | null;
  /** A consultation call placed while another call waits on hold (attended transfer). */
  consultFor: string | null;
  error: string | null;
}

export interface WrapUp {
  interactionId: string;
  remote: string;
  contactName: string | null;
  /** Epoch ms when the server ends wrap-up by itself; null when the queue has no wrap-up time. */
  deadline: number | null;
}

export interface PhoneState {
  registration: Registration;
  /** Why registration failed or the phone could not start (shown under the badge). */
  problem: string | null;
  extension: string | null;
  /** The last outgoing call that failed, as a SIP status (0: no answer from the network). */
  failedCall: { number: string; status: number } | null;
  calls: CallView[];
  wrapUps: WrapUp[];
}

export const initialPhoneState: PhoneState = { registration: 'idle', problem: null, extension: null, failedCall: null, calls: [], wrapUps: [] };

/** A call as it starts: everything off until the far end or the agent changes it. */
export function newCall(fields: Pick<CallView, 'id' | 'direction' | 'phase' | 'remote'> & Partial<CallView>): CallView {
  return {
    remoteName: null,
    interactionId: null,
    queue: null,
    offer: null,
    video: false,
    videoSending: false,
    startedAt: null,
    muted: false,
    held: false,
    recording: 'unavailable',
    monitored: null,
    pending: null,
    consultFor: null,
    error: null,
    ...fields,
  };
}

/** Replaces one call in the state by id; other calls are kept as they are (same objects). */
export function patchCall(state: PhoneState, id: string, patch: Partial<CallView>): PhoneState {
  return { ...state, calls: state.calls.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

/** True when an SDP body offers a video stream with a usable (non-zero) port. */
export function sdpHasVideo(sdp: string | undefined): boolean {
  return /^m=video [1-9]/m.test(sdp ?? '');
}

/** What a dial string may contain: digits, * and #, with an optional leading +. */
export function cleanNumber(input: string): string {
  const trimmed = input.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/[^0-9*#]/g, '');
}

export function isDialable(number: string): boolean {
  return /^\+?[0-9*#]{1,32}$/.test(number);
}

/**
 * Transfer targets: a short all-digit string is an agent extension (2–6 digits, as extensions are
 * assigned), anything longer goes out through the trunk. The agent can override the guess.
 */
export function guessTargetKind(value: string): 'extension' | 'number' {
  return /^\d{2,6}$/.test(value) ? 'extension' : 'number';
}

/** Seconds left until `deadline`, never negative; null without a deadline. */
export function secondsLeft(deadline: number | null, now: number): number | null {
  return deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
}
