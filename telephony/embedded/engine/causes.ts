import type { HangupCause } from '../../engine';

/** SIP status for ending an unanswered call with a cause (as FreeSWITCH's mod_sofia maps it). */
export function statusForCause(cause: HangupCause): number {
  switch (cause) {
    case 'user_busy': return 486;
    case 'unallocated_number': return 404;
    case 'call_rejected': return 603;
    case 'service_unavailable':
    case 'normal_temporary_failure': return 503;
    case 'originator_cancel': return 487;
    case 'recovery_on_timer_expire': return 504;
    default: return 480;
  }
}

/** The cause a failure status stands for (RFC 3398 §8.2.6.1, simplified). */
export function causeForStatus(status: number): HangupCause {
  if (status === 404 || status === 484 || status === 604) return 'unallocated_number';
  if (status === 486 || status === 600) return 'user_busy';
  if (status === 480 || status === 408) return 'no_answer';
  if (status === 403 || status === 603) return 'call_rejected';
  if (status === 487) return 'originator_cancel';
  if (status === 500 || status === 503) return 'service_unavailable';
  if (status === 504) return 'recovery_on_timer_expire';
  return 'normal_temporary_failure';
}

const Q850: Record<HangupCause, number> = {
  normal_clearing: 16, user_busy: 17, no_answer: 19, call_rejected: 21, originator_cancel: 487,
  media_timeout: 102, unallocated_number: 1, service_unavailable: 63, normal_temporary_failure: 41,
  recovery_on_timer_expire: 102, transfer: 16,
};

/** The Reason header (RFC 3326) we put on BYE and on final responses. */
export function reasonHeader(cause: HangupCause): string {
  return `Q.850;cause=${Q850[cause]};text="${cause.toUpperCase()}"`;
}
