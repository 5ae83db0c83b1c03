import type { HangupCause } from '../engine';

/**
 * Hang-up causes in the three vocabularies this engine speaks: FreeSWITCH cause names (Q.850
 * plus FreeSWITCH's own 5xx/6xx), SIP statuses, and the port's HangupCause words. The SIP tables
 * follow mod_sofia (sofia_glue_sip_cause_to_freeswitch / hangup_cause_to_sip); the port words
 * agree with the embedded engine so the ACD sees one meaning whichever engine runs.
 */

/** FreeSWITCH cause name -> Q.850 (or FreeSWITCH-private) code, for Reason headers and CDRs. */
export const FS_CAUSE_CODES: Readonly<Record<string, number>> = {
  UNALLOCATED_NUMBER: 1, NO_ROUTE_DESTINATION: 3, NORMAL_CLEARING: 16, USER_BUSY: 17,
  NO_USER_RESPONSE: 18, NO_ANSWER: 19, SUBSCRIBER_ABSENT: 20, CALL_REJECTED: 21, NUMBER_CHANGED: 22,
  DESTINATION_OUT_OF_ORDER: 27, INVALID_NUMBER_FORMAT: 28, NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34, NETWORK_OUT_OF_ORDER: 38, NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42, SERVICE_UNAVAILABLE: 63, SERVICE_NOT_IMPLEMENTED: 79,
  INCOMPATIBLE_DESTINATION: 88, RECOVERY_ON_TIMER_EXPIRE: 102, INTERWORKING: 127,
  ORIGINATOR_CANCEL: 487, LOSE_RACE: 502, MANAGER_REQUEST: 503, BLIND_TRANSFER: 600,
  ATTENDED_TRANSFER: 601, USER_NOT_REGISTERED: 606, MEDIA_TIMEOUT: 604,
};

/** What a FreeSWITCH hang-up cause means to the port. */
export function portCauseOfFs(fsCause: string | undefined): HangupCause {
  switch ((fsCause ?? '').toUpperCase()) {
    case 'NORMAL_CLEARING':
    case 'NORMAL_UNSPECIFIED':
    case 'MANAGER_REQUEST':
      return 'normal_clearing';
    case 'USER_BUSY': return 'user_busy';
    case 'NO_ANSWER':
    case 'NO_USER_RESPONSE':
    case 'SUBSCRIBER_ABSENT':
      return 'no_answer';
    case 'CALL_REJECTED': return 'call_rejected';
    case 'ORIGINATOR_CANCEL':
    case 'LOSE_RACE':
      return 'originator_cancel';
    case 'MEDIA_TIMEOUT': return 'media_timeout';
    case 'UNALLOCATED_NUMBER':
    case 'NO_ROUTE_DESTINATION':
    case 'USER_NOT_REGISTERED':
    case 'INVALID_NUMBER_FORMAT':
    case 'NUMBER_CHANGED':
      return 'unallocated_number';
    case 'SERVICE_UNAVAILABLE': return 'service_unavailable';
    case 'RECOVERY_ON_TIMER_EXPIRE': return 'recovery_on_timer_expire';
    case 'BLIND_TRANSFER':
    case 'ATTENDED_TRANSFER':
      return 'transfer';
    default: return 'normal_temporary_failure';
  }
}

const FS_OF_PORT: Record<HangupCause, string> = {
  normal_clearing: 'NORMAL_CLEARING', user_busy: 'USER_BUSY', no_answer: 'NO_ANSWER',
  call_rejected: 'CALL_REJECTED', originator_cancel: 'ORIGINATOR_CANCEL', media_timeout: 'MEDIA_TIMEOUT',
  unallocated_number: 'UNALLOCATED_NUMBER', service_unavailable: 'SERVICE_UNAVAILABLE',
  normal_temporary_failure: 'NORMAL_TEMPORARY_FAILURE', recovery_on_timer_expire: 'RECOVERY_ON_TIMER_EXPIRE',
  transfer: 'BLIND_TRANSFER',
};

/** The FreeSWITCH cause name for `hangup <CAUSE>` / `uuid_kill <uuid> <CAUSE>`. */
export function fsCauseOfPort(cause: HangupCause): string {
  return FS_OF_PORT[cause];
}

/** SIP status FreeSWITCH would send for a cause (mod_sofia hangup_cause_to_sip). */
export function sipStatusOfFs(fsCause: string): number {
  switch (fsCause.toUpperCase()) {
    case 'UNALLOCATED_NUMBER':
    case 'NO_ROUTE_DESTINATION':
    case 'USER_NOT_REGISTERED':
      return 404;
    case 'USER_BUSY': return 486;
    case 'NO_USER_RESPONSE': return 408;
    case 'NO_ANSWER':
    case 'SUBSCRIBER_ABSENT':
    case 'NORMAL_UNSPECIFIED':
      return 480;
    case 'CALL_REJECTED': return 603;
    case 'NUMBER_CHANGED': return 410;
    case 'DESTINATION_OUT_OF_ORDER':
    case 'NETWORK_OUT_OF_ORDER':
      return 502;
    case 'INVALID_NUMBER_FORMAT': return 484;
    case 'SERVICE_NOT_IMPLEMENTED': return 501;
    case 'INCOMPATIBLE_DESTINATION': return 488;
    case 'RECOVERY_ON_TIMER_EXPIRE': return 504;
    case 'ORIGINATOR_CANCEL': return 487;
    default: return 503;
  }
}

/** FreeSWITCH cause for a SIP final status (mod_sofia sofia_glue_sip_cause_to_freeswitch). */
export function fsCauseOfSip(status: number): string {
  if (status >= 200 && status < 300) return 'NORMAL_CLEARING';
  switch (status) {
    case 401: case 402: case 403: case 407: case 603: case 608: return 'CALL_REJECTED';
    case 404: return 'UNALLOCATED_NUMBER';
    case 485: case 604: return 'NO_ROUTE_DESTINATION';
    case 408: case 504: return 'RECOVERY_ON_TIMER_EXPIRE';
    case 410: return 'NUMBER_CHANGED';
    case 480: return 'NO_USER_RESPONSE';
    case 400: case 481: case 500: case 503: return 'NORMAL_TEMPORARY_FAILURE';
    case 486: case 600: return 'USER_BUSY';
    case 484: return 'INVALID_NUMBER_FORMAT';
    case 488: case 606: return 'INCOMPATIBLE_DESTINATION';
    case 502: return 'NETWORK_OUT_OF_ORDER';
    case 405: return 'SERVICE_UNAVAILABLE';
    case 406: case 415: case 501: return 'SERVICE_NOT_IMPLEMENTED';
    case 487: return 'ORIGINATOR_CANCEL';
    default: return 'NORMAL_UNSPECIFIED';
  }
}

/**
 * The port cause of a failed INVITE: the same words the embedded engine reports (RFC 3398
 * §8.2.6.1 simplified), so "408 from an agent phone" is no_answer on either engine.
 */
export function portCauseOfSip(status: number): HangupCause {
  if (status === 404 || status === 484 || status === 604) return 'unallocated_number';
  if (status === 486 || status === 600) return 'user_busy';
  if (status === 480 || status === 408) return 'no_answer';
  if (status === 403 || status === 603) return 'call_rejected';
  if (status === 487) return 'originator_cancel';
  if (status === 500 || status === 503) return 'service_unavailable';
  if (status === 504) return 'recovery_on_timer_expire';
  return 'normal_temporary_failure';
}

/** Status for refusing an unanswered call with a port cause (as mod_sofia maps its FS cause). */
export function sipStatusOfPort(cause: HangupCause): number {
  if (cause === 'no_answer') return 480;
  if (cause === 'normal_clearing' || cause === 'transfer' || cause === 'media_timeout') return 480;
  return sipStatusOfFs(fsCauseOfPort(cause));
}

/** RFC 3326 Reason header for BYE and final responses, e.g. `Q.850;cause=16;text="NORMAL_CLEARING"`. */
export function reasonHeader(cause: HangupCause): string {
  const name = fsCauseOfPort(cause);
  return `Q.850;cause=${FS_CAUSE_CODES[name] ?? 41};text="${name}"`;
}

/** Reads a Reason header back into a FreeSWITCH cause name (by text, else by Q.850 code). */
export function fsCauseOfReason(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const text = /text="([A-Z_]+)"/.exec(reason)?.[1];
  if (text) return text;
  const code = Number(/cause=(\d+)/.exec(reason)?.[1]);
  return Object.entries(FS_CAUSE_CODES).find(([, c]) => c === code)?.[0];
}
