import type { SipMessage, SipRequest, SipResponse } from '../message';
import type { TimerConfig } from '../timers';
import type { Flow } from '../transport/types';

/** What a transaction needs from the stack: timers, a way to send, and a way to say it ended. */
export interface TransactionHost {
  readonly timers: TimerConfig;
  send(msg: SipMessage, flow: Flow): Promise<void>;
  isReliable(flow: Flow): boolean;
  terminated(key: string): void;
}

/** The transaction user of a client transaction (RFC 3261 §17.1). */
export interface ClientTransactionUser {
  onResponse(res: SipResponse): void;
  /** Timer B/F fired, or the transport failed: the TU treats it as a 408/503. */
  onFailure(status: 408 | 503): void;
}

export interface ServerTransactionUser {
  /** A non-2xx final got no ACK within Timer H, or the transport failed. */
  onFailure?(): void;
}

export interface ServerTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly flow: Flow;
  readonly finalSent: boolean;
  respond(res: SipResponse): void;
  /** A retransmission (or, for INVITE, the ACK of a non-2xx final). */
  receive(req: SipRequest): void;
  stop(): void;
}

export interface ClientTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly flow: Flow;
  receive(res: SipResponse): void;
  stop(): void;
}
