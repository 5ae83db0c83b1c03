import type { DtmfRelay } from './bodies';
import type { SipRequest } from './message';

/** A re-INVITE from the peer (hold/unhold, codec change). Answer with SDP or reject. */
export interface ReInviteEvent {
  request: SipRequest;
  /** The offer, or undefined for an offerless re-INVITE (then the answer comes in the ACK). */
  sdp: string | undefined;
  accept(sdp: string): void;
  reject(status: number): void;
}

export interface InfoEvent {
  request: SipRequest;
  contentType: string | undefined;
  body: string;
  /** Present when the body is application/dtmf-relay (SIP INFO DTMF). */
  dtmf: DtmfRelay | undefined;
}

/** An incoming REFER (blind transfer). `accept` answers 202 and NOTIFYs 100 Trying. */
export interface ReferEvent {
  request: SipRequest;
  referTo: string;
  referredBy: string | undefined;
  accept(): void;
  reject(status: number): void;
  /** Reports the transfer outcome as a final sipfrag NOTIFY (200 on success, else the failure). */
  notify(status: number, reason?: string): Promise<void>;
}

export interface NotifyEvent {
  request: SipRequest;
  event: string | undefined;
  body: string;
  /** For `refer` subscriptions: the status line carried in the sipfrag. */
  sipfragStatus: number | undefined;
}

export type DialogEndReason = 'remote-bye' | 'local-bye' | 'ack-timeout' | 'request-failed' | 'stopped';

export interface DialogEvents {
  /** The ACK for our 2xx arrived (UAS); carries the SDP answer when the INVITE had no offer. */
  ack: [req: SipRequest];
  reinvite: [ev: ReInviteEvent];
  info: [ev: InfoEvent];
  refer: [ev: ReferEvent];
  notify: [ev: NotifyEvent];
  bye: [req: SipRequest];
  terminated: [reason: DialogEndReason];
}
