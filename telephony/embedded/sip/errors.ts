import { AppError } from '../../../core/errors';
import type { SipMessage } from './message';

/** A SIP failure carrying the status to answer (or that a peer answered). */
export class SipError extends AppError {
  readonly code = 'sip_error';
  constructor(
    readonly status: number,
    message: string,
    details?: unknown,
  ) {
    super(message, details);
  }
}

/**
 * The bytes could not be read as a SIP message. `status` is what a request deserves (400, 413,
 * 416, 505, 513); `head` holds whatever headers were readable so the stack can still address
 * a response, or nothing when the message must be dropped silently.
 */
export class SipParseError extends SipError {
  constructor(
    status: number,
    message: string,
    readonly head?: SipMessage,
  ) {
    super(status, message);
  }
}

/** A transaction gave up waiting (Timer B/F) or the transport failed. */
export class SipTimeoutError extends SipError {
  constructor(message: string) {
    super(408, message);
  }
}
