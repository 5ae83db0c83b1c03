import { describe, expect, it } from 'vitest';
import { capacityRefusal, type SeatCapacity, type WorkItem } from './capacity';
import { displayStatus, offlineAgent, transition, type AgentState, type PresenceEvent } from './presence';

const seat: SeatCapacity = { capacity: { voice: 1, video: 1, webim: 2 }, voiceBlocksChat: true, chatInterruptibleByVoice: false };
const rules = { reasons: ['break', 'lunch'], seat };

function run(events: PresenceEvent[], start: AgentState = offlineAgent('a1', 0)): AgentState {
  let state = start;
  events.forEach((e, i) => {
    const r = transition(state, e, (i + 1) * 1000, rules);
    if (!r.ok) throw new Error(`${e.type} refused: ${r.refusal}`);
    state = r.state;
  });
  return state;
}

function refusal(state: AgentState, event: PresenceEvent): string | null {
  const r = transition(state, event, 99_000, rules);
  return r.ok ? null : r.refusal;
}

const reserve = (id: string, media: WorkItem['media'] = 'voice'): PresenceEvent => ({ type: 'reserve', interactionId: id, media, queueId: 'q' });

describe('presence transitions', () => {
  it('logs in to available, timestamps the change, and logs out', () => {
    const s = run([{ type: 'login' }]);
    expect(s).toMatchObject({ presence: 'available', since: 1000, idleSince: 1000 });
    expect(run([{ type: 'login' }, { type: 'logout' }])).toMatchObject({ presence: 'offline', since: 2000 });
  });

  it('refuses double login and anything but login while offline', () => {
    const online = run([{ type: 'login' }]);
    expect(refusal(online, { type: 'login' })).toBe('already_logged_in');
    const off = offlineAgent('a1', 0);
    expect(refusal(off, { type: 'available' })).toBe('offline');
    expect(refusal(off, { type: 'not_ready', reason: 'break' })).toBe('offline');
    expect(refusal(off, reserve('i1'))).toBe('not_available');
  });

  it('takes not-ready reasons only from the configured list (plus missed)', () => {
    const s = run([{ type: 'login' }, { type: 'not_ready', reason: 'lunch' }]);
    expect(s).toMatchObject({ presence: 'not_ready', reason: 'lunch' });
    expect(refusal(s, { type: 'not_ready', reason: 'golf' })).toBe('unknown_reason');
    expect(refusal(s, { type: 'not_ready', reason: 'missed' })).toBeNull();
  });

  it('goes reserved -> ringing -> busy -> wrap_up -> free', () => {
    const ringing = run([{ type: 'login' }, reserve('i1'), { type: 'ring', interactionId: 'i1' }]);
    expect(displayStatus(ringing)).toBe('ringing');
    const busy = run([{ type: 'accept', interactionId: 'i1' }], ringing);
    expect(busy).toMatchObject({ handled: 1, misses: 0 });
    expect(displayStatus(busy)).toBe('busy');
    const wrap = run([{ type: 'end', interactionId: 'i1', wrapUp: true }], busy);
    expect(displayStatus(wrap)).toBe('wrap_up');
    const done = run([{ type: 'wrap_done', interactionId: 'i1' }], wrap);
    expect(done.work).toEqual([]);
    expect(displayStatus(done)).toBe('available');
    expect(done.idleSince).toBe(1000);
  });

  it('ends straight to free when the queue has no wrap-up', () => {
    const s = run([{ type: 'login' }, reserve('i1'), { type: 'accept', interactionId: 'i1' }, { type: 'end', interactionId: 'i1', wrapUp: false }]);
    expect(s.work).toEqual([]);
    expect(s.idleSince).toBe(4000);
  });

  it('refuses accept/end/wrap_done out of order', () => {
    const s = run([{ type: 'login' }]);
    expect(refusal(s, { type: 'accept', interactionId: 'x' })).toBe('not_offered');
    expect(refusal(s, { type: 'end', interactionId: 'x', wrapUp: false })).toBe('not_busy');
    expect(refusal(s, { type: 'wrap_done', interactionId: 'x' })).toBe('not_in_wrap_up');
    expect(refusal(run([reserve('i1')], s), reserve('i1', 'webim'))).toBe('already_holding');
  });

  it('counts consecutive misses and goes not-ready "missed" at the limit; an accept resets the count', () => {
    const miss = (id: string): PresenceEvent[] => [reserve(id), { type: 'ring', interactionId: id }, { type: 'miss', interactionId: id, maxMisses: 2 }];
    const once = run([{ type: 'login' }, ...miss('i1')]);
    expect(once).toMatchObject({ presence: 'available', misses: 1 });
    const reset = run([reserve('i2'), { type: 'accept', interactionId: 'i2' }], once);
    expect(reset.misses).toBe(0);
    const twice = run([...miss('i3')], once);
    expect(twice).toMatchObject({ presence: 'not_ready', reason: 'missed', misses: 2 });
  });

  it('cancel releases a ring without counting a miss', () => {
    const s = run([{ type: 'login' }, reserve('i1'), { type: 'cancel', interactionId: 'i1' }]);
    expect(s).toMatchObject({ work: [], misses: 0, presence: 'available' });
  });

  it('refuses logout while holding work', () => {
    const s = run([{ type: 'login' }, reserve('i1')]);
    expect(refusal(s, { type: 'logout' })).toBe('has_active_work');
  });

  it('not-ready keeps the work already held (capacity comes from work items)', () => {
    const s = run([{ type: 'login' }, reserve('c1', 'webim'), { type: 'accept', interactionId: 'c1' }, { type: 'not_ready', reason: 'break' }]);
    expect(s.work).toHaveLength(1);
    expect(refusal(s, reserve('c2', 'webim'))).toBe('not_available');
  });

  it('refuses a reservation past capacity or blocked by cross-media rules', () => {
    const chats = run([{ type: 'login' }, reserve('c1', 'webim'), reserve('c2', 'webim')]);
    expect(refusal(chats, reserve('c3', 'webim'))).toBe('no_capacity');
    expect(refusal(chats, reserve('v1', 'voice'))).toBe('blocked_by_chat');
    const call = run([{ type: 'login' }, reserve('v1', 'voice')]);
    expect(refusal(call, reserve('c1', 'webim'))).toBe('blocked_by_call');
    expect(refusal(call, reserve('x1', 'video'))).toBe('on_a_call');
    expect(refusal(call, reserve('e1', 'email'))).toBe('no_capacity');
  });
});

describe('capacity rules', () => {
  const item = (media: WorkItem['media'], phase: WorkItem['phase'] = 'busy'): WorkItem => ({ interactionId: `${media}-${phase}`, media, queueId: 'q', phase, since: 0 });
  it('lets a chat agent take a call when chats are interruptible by voice', () => {
    expect(capacityRefusal({ ...seat, chatInterruptibleByVoice: true }, [item('webim')], 'voice')).toBeNull();
  });
  it('lets a call agent take chats when voice does not block chat', () => {
    expect(capacityRefusal({ ...seat, voiceBlocksChat: false }, [item('voice')], 'webim')).toBeNull();
  });
  it('counts wrap-up toward its own media but not as a live call', () => {
    expect(capacityRefusal(seat, [item('voice', 'wrap_up')], 'voice')).toBe('no_capacity');
    expect(capacityRefusal(seat, [item('voice', 'wrap_up')], 'webim')).toBeNull();
  });
});
