import { describe, expect, it } from 'vitest';
import { cleanNumber, guessTargetKind, initialPhoneState, isDialable, newCall, patchCall, sdpHasVideo, secondsLeft } from './phone-state';

describe('softphone state helpers', () => {
  it('reads video from an SDP offer only when the m-line has a port', () => {
    expect(sdpHasVideo('v=0\r\nm=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/AVP 96\r\n')).toBe(true);
    expect(sdpHasVideo('v=0\r\nm=audio 4000 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n')).toBe(false);
    expect(sdpHasVideo(undefined)).toBe(false);
  });

  it('cleans what agents type or paste into a dial string', () => {
    expect(cleanNumber(' +86 138-0013-8000 ')).toBe('+8613800138000');
    expect(cleanNumber('(021) 6666 7777 #')).toBe('02166667777#');
    expect(isDialable('*72#')).toBe(true);
    expect(isDialable('')).toBe(false);
    expect(isDialable('1'.repeat(33))).toBe(false);
  });

  it('guesses an extension for short numbers and an outside number otherwise', () => {
    expect(guessTargetKind('1002')).toBe('extension');
    expect(guessTargetKind('02166667777')).toBe('number');
    expect(guessTargetKind('+8613800138000')).toBe('number');
  });

  it('patches one call and leaves the others as they were', () => {
    const a = newCall({ id: 'a', direction: 'inbound', phase: 'talking', remote: '1' });
    const b = newCall({ id: 'b', direction: 'outbound', phase: 'dialling', remote: '2' });
    const next = patchCall({ ...initialPhoneState, calls: [a, b] }, 'a', { muted: true });
    expect(next.calls[0]).toMatchObject({ id: 'a', muted: true });
    expect(next.calls[1]).toBe(b);
  });

  it('counts wrap-up seconds down to zero, rounding up', () => {
    expect(secondsLeft(null, 0)).toBeNull();
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
    expect(secondsLeft(30_000, 45_000)).toBe(0);
  });
});
