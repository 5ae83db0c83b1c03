import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretEvent, parsePlainEvent, takeFrames } from './esl-event';

// Wire text as mod_event_socket sends it for `event plain …` subscriptions: an envelope
// (Content-Length, Content-Type: text/event-plain), then URL-encoded event headers.
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

function only(text: string) {
  const { frames, rest } = takeFrames(text);
  expect(rest).toBe('');
  expect(frames).toHaveLength(1);
  expect(frames[0]?.headers['Content-Type']).toBe('text/event-plain');
  return parsePlainEvent(frames[0]?.body ?? '');
}

describe('ESL plain events', () => {
  it('DTMF from RTP: digit decoded from %23, duration from samples at 8 kHz', () => {
    const ev = only(fixture('dtmf-rtp.esl'));
    expect(ev.get('Channel-Name')).toBe('sofia/drachtio_mrf/drachtio@127.0.0.1:5060');
    expect(interpretEvent(ev.get)).toEqual({ kind: 'dtmf', uuid: '9d1f3c52-7b2e-4e0a-8d51-3c6f0a2b9e47', digit: '#', durationMs: 200, source: 'RTP' });
  });

  it('DTMF injected by uuid_recv_dtmf reports its source', () => {
    expect(interpretEvent(only(fixture('dtmf-app.esl')).get)).toMatchObject({ kind: 'dtmf', digit: '4', source: 'APP' });
  });

  it('CHANNEL_HANGUP_COMPLETE after an RTP timeout', () => {
    expect(interpretEvent(only(fixture('channel-hangup-complete.esl')).get)).toEqual({
      kind: 'hangup', uuid: '9d1f3c52-7b2e-4e0a-8d51-3c6f0a2b9e47', cause: 'MEDIA_TIMEOUT', sipStatus: 200, mediaTimeout: true,
    });
  });

  it('CUSTOM conference::maintenance add-member gives the member id', () => {
    expect(interpretEvent(only(fixture('conference-add-member.esl')).get)).toEqual({
      kind: 'conference', action: 'add-member', conference: 'monitor-1', conferenceUuid: 'e4c2a1f0-7d3b-4a9e-b6c5-1f2e3d4c5b6a', memberId: 7, uuid: '9d1f3c52-7b2e-4e0a-8d51-3c6f0a2b9e47',
    });
  });

  it('frames split anywhere in a TCP stream come out whole and in order', () => {
    const stream = ['dtmf-rtp.esl', 'heartbeat.esl', 'channel-hangup-complete.esl'].map(fixture).join('');
    const names: string[] = [];
    let buffer = '';
    for (let i = 0; i < stream.length; i += 97) {
      buffer += stream.slice(i, i + 97);
      const { frames, rest } = takeFrames(buffer);
      buffer = rest;
      for (const f of frames) names.push(parsePlainEvent(f.body).get('Event-Name') ?? '');
    }
    expect(names).toEqual(['DTMF', 'HEARTBEAT', 'CHANNEL_HANGUP_COMPLETE']);
    expect(buffer).toBe('');
  });

  it('heartbeat carries the session load', () => {
    expect(interpretEvent(only(fixture('heartbeat.esl')).get)).toEqual({ kind: 'heartbeat', sessions: 4, maxSessions: 1000 });
  });

  it('an event with its own body keeps it apart from the headers', () => {
    const ev = parsePlainEvent('Event-Name: CUSTOM\nEvent-Subclass: x%3A%3Ay\nContent-Length: 5\n\nhello');
    expect(ev.get('Event-Subclass')).toBe('x::y');
    expect(ev.body).toBe('hello');
    expect(interpretEvent(ev.get)).toEqual({ kind: 'other', name: 'CUSTOM x::y' });
  });
});
