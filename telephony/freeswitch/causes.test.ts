import { describe, expect, it } from 'vitest';
import type { HangupCause } from '../engine';
import { causeForStatus } from '../embedded/engine/causes';
import { fsCauseOfReason, fsCauseOfSip, portCauseOfFs, portCauseOfSip, reasonHeader, sipStatusOfFs, sipStatusOfPort } from './causes';

const ALL: HangupCause[] = ['normal_clearing', 'user_busy', 'no_answer', 'call_rejected', 'originator_cancel', 'media_timeout', 'unallocated_number', 'service_unavailable', 'normal_temporary_failure', 'recovery_on_timer_expire', 'transfer'];

describe('hang-up causes: FreeSWITCH <-> SIP <-> port', () => {
  it('reads FreeSWITCH cause names as the port words', () => {
    expect(portCauseOfFs('NORMAL_CLEARING')).toBe('normal_clearing');
    expect(portCauseOfFs('MEDIA_TIMEOUT')).toBe('media_timeout');
    expect(portCauseOfFs('USER_NOT_REGISTERED')).toBe('unallocated_number');
    expect(portCauseOfFs('NO_USER_RESPONSE')).toBe('no_answer');
    expect(portCauseOfFs('ORIGINATOR_CANCEL')).toBe('originator_cancel');
    expect(portCauseOfFs('DESTINATION_OUT_OF_ORDER')).toBe('normal_temporary_failure');
    expect(portCauseOfFs(undefined)).toBe('normal_temporary_failure');
  });

  it('maps SIP statuses as mod_sofia does, both ways', () => {
    expect(fsCauseOfSip(486)).toBe('USER_BUSY');
    expect(fsCauseOfSip(404)).toBe('UNALLOCATED_NUMBER');
    expect(fsCauseOfSip(503)).toBe('NORMAL_TEMPORARY_FAILURE');
    expect(fsCauseOfSip(487)).toBe('ORIGINATOR_CANCEL');
    expect(fsCauseOfSip(699)).toBe('NORMAL_UNSPECIFIED');
    expect(sipStatusOfFs('USER_BUSY')).toBe(486);
    expect(sipStatusOfFs('NO_ANSWER')).toBe(480);
    expect(sipStatusOfFs('RECOVERY_ON_TIMER_EXPIRE')).toBe(504);
    expect(sipStatusOfFs('SWITCH_CONGESTION')).toBe(503);
  });

  it('gives the same port cause for a failed INVITE as the embedded engine', () => {
    for (let status = 400; status < 700; status++) expect([status, portCauseOfSip(status)]).toEqual([status, causeForStatus(status)]);
  });

  it('refuses unanswered calls with a final status for every cause, and round-trips the Reason header', () => {
    for (const cause of ALL) {
      const status = sipStatusOfPort(cause);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(700);
      expect(portCauseOfFs(fsCauseOfReason(reasonHeader(cause)))).toBe(cause === 'transfer' ? 'transfer' : cause);
    }
    expect(reasonHeader('normal_clearing')).toBe('Q.850;cause=16;text="NORMAL_CLEARING"');
    expect(fsCauseOfReason('Q.850;cause=17')).toBe('USER_BUSY');
  });
});
