import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import { ManualClock } from '../clock';
import { MemoryStore } from './store';
import { queue, restart, ringingAt, rig, seat } from './testing';

const voice = (id: string, extra: Record<string, unknown> = {}) => ({ id, media: 'voice' as const, queueId: 'sales', contactId: `c-${id}`, ...extra });
const chat = (id: string, extra: Record<string, unknown> = {}) => ({ id, media: 'webim' as const, queueId: 'sales', contactId: `c-${id}`, ...extra });

describe('offers', () => {
  it('reserves and rings the longest idle agent, then accept makes the agent busy', () => {
    const { router, clock, events } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales']), seat('a2', ['sales'])] });
    router.login('a2');
    clock.advance(1000);
    router.login('a1');
    const r = router.submit(voice('i1'));
    expect(r.outcome).toBe('offered');
    expect(ringingAt(router, 'i1')).toEqual(['a2']);
    const rec = router.accept('a2', 'i1');
    expect(rec).toMatchObject({ status: 'active', agentId: 'a2' });
    expect(events.filter((e) => e.type !== 'agent_state').map((e) => e.type)).toEqual(['created', 'queued', 'offered', 'accepted']);
  });

  it('queues when nobody is free and offers as soon as an agent logs in', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'])] });
    expect(router.submit(voice('i1')).outcome).toBe('queued');
    expect(router.position('i1')).toBe(1);
    router.login('a1');
    expect(ringingAt(router, 'i1')).toEqual(['a1']);
    expect(router.position('i1')).toBe(0);
  });

  it('moves on after a reject to another agent, not the same one', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales']), seat('a2', ['sales'])] });
    router.login('a1');
    router.login('a2');
    router.submit(voice('i1'));
    const first = ringingAt(router, 'i1')[0] as string;
    router.reject(first, 'i1');
    const second = ringingAt(router, 'i1');
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first);
  });

  it('re-offers to the same agent only when nobody else can take it', () => {
    const { router, events } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    router.reject('a1', 'i1');
    expect(ringingAt(router, 'i1')).toEqual(['a1']);
    expect(events.filter((e) => e.type === 'rejected')).toHaveLength(1);
  });

  it('times out an unanswered offer, counts a miss and moves on', () => {
    const { router, scheduler, events } = rig({ queues: [queue('sales', { offerTimeoutSeconds: 10 })], agents: [seat('a1', ['sales']), seat('a2', ['sales'])] });
    router.login('a1');
    router.login('a2');
    router.submit(voice('i1'));
    const first = ringingAt(router, 'i1')[0] as string;
    scheduler.advance(9_999);
    expect(ringingAt(router, 'i1')).toEqual([first]);
    scheduler.advance(1);
    expect(events.some((e) => e.type === 'timed_out' && e.agentId === first)).toBe(true);
    expect(ringingAt(router, 'i1')).not.toContain(first);
    expect(router.agentStates().find((a) => a.agentId === first)?.misses).toBe(1);
  });

  it('sets the agent not-ready "missed" after N consecutive misses', () => {
    const { router, scheduler } = rig({ queues: [queue('sales', { offerTimeoutSeconds: 5, maxConsecutiveMisses: 2 })], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    scheduler.advance(5_000);
    expect(ringingAt(router, 'i1')).toEqual(['a1']);
    scheduler.advance(5_000);
    expect(router.agentStates()[0]).toMatchObject({ presence: 'not_ready', reason: 'missed', work: [] });
    expect(router.interaction('i1')?.status).toBe('waiting');
  });

  it('never offers past capacity: a chat agent takes up to its chat slots, reservations included', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'], { capacity: { webim: 2 } })] });
    router.login('a1');
    for (const id of ['c1', 'c2', 'c3']) router.submit(chat(id));
    expect(ringingAt(router, 'c1')).toEqual(['a1']);
    expect(ringingAt(router, 'c2')).toEqual(['a1']);
    expect(router.interaction('c3')?.status).toBe('waiting');
    router.accept('a1', 'c1');
    router.end('c1');
    expect(ringingAt(router, 'c3')).toEqual(['a1']);
  });

  it('voice blocks new chats, and chats block calls unless interruptible', () => {
    const blocked = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'], { voiceBlocksChat: true, chatInterruptibleByVoice: false })] });
    blocked.router.login('a1');
    blocked.router.submit(voice('v1'));
    blocked.router.submit(chat('c1'));
    expect(blocked.router.interaction('c1')?.status).toBe('waiting');
    blocked.router.accept('a1', 'v1');
    blocked.router.end('v1');
    expect(ringingAt(blocked.router, 'c1')).toEqual(['a1']);
    blocked.router.submit(voice('v2'));
    expect(blocked.router.interaction('v2')?.status).toBe('waiting');

    const open = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'], { chatInterruptibleByVoice: true })] });
    open.router.login('a1');
    open.router.submit(chat('c1'));
    open.router.submit(voice('v1'));
    expect(ringingAt(open.router, 'v1')).toEqual(['a1']);
  });

  it('ring-all rings every eligible agent; the first accept wins and the others are cancelled', () => {
    const { router, events } = rig({ queues: [queue('sales', { strategy: 'ring_all' })], agents: ['a1', 'a2', 'a3'].map((a) => seat(a, ['sales'])) });
    ['a1', 'a2', 'a3'].forEach((a) => router.login(a));
    router.submit(voice('i1'));
    expect(ringingAt(router, 'i1')).toEqual(['a1', 'a2', 'a3']);
    router.accept('a2', 'i1');
    expect(ringingAt(router, 'i1')).toEqual([]);
    const cancelled = events.filter((e) => e.type === 'offer_cancelled').map((e) => ('agentId' in e ? e.agentId : '')).sort();
    expect(cancelled).toEqual(['a1', 'a3']);
    expect(() => router.accept('a1', 'i1')).toThrow(Conflict);
    expect(router.agentStates().map((a) => a.misses)).toEqual([0, 0, 0]);
  });

  it('ring-progressive adds the next agent every step until one accepts', () => {
    const { router, scheduler, clock } = rig({ queues: [queue('sales', { strategy: 'ring_progressive', ringStepSeconds: 4, offerTimeoutSeconds: 30 })], agents: ['a1', 'a2', 'a3'].map((a) => seat(a, ['sales'])) });
    for (const a of ['a3', 'a1', 'a2']) {
      router.login(a);
      clock.advance(1);
    }
    router.submit(voice('i1'));
    expect(ringingAt(router, 'i1')).toEqual(['a3']);
    scheduler.advance(4_000);
    expect(ringingAt(router, 'i1')).toEqual(['a1', 'a3']);
    scheduler.advance(4_000);
    expect(ringingAt(router, 'i1')).toEqual(['a1', 'a2', 'a3']);
    router.accept('a1', 'i1');
    expect(ringingAt(router, 'i1')).toEqual([]);
    expect(router.interaction('i1')?.agentId).toBe('a1');
  });

  it('withdraws rings when the agent goes not-ready, without a miss', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales']), seat('a2', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    router.login('a2');
    router.setNotReady('a1', 'break');
    expect(ringingAt(router, 'i1')).toEqual(['a2']);
    expect(router.agentStates().find((a) => a.agentId === 'a1')).toMatchObject({ misses: 0, work: [] });
  });

  it('wrap-up holds the slot for the queue wrap-up time, and the agent may end it early', () => {
    const { router, scheduler } = rig({ queues: [queue('sales', { wrapUpSeconds: 30 })], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    router.accept('a1', 'i1');
    router.submit(voice('i2'));
    router.end('i1');
    expect(router.interaction('i2')?.status).toBe('waiting');
    scheduler.advance(30_000);
    expect(ringingAt(router, 'i2')).toEqual(['a1']);
    router.accept('a1', 'i2');
    router.end('i2');
    router.submit(voice('i3'));
    router.endWrapUp('a1', 'i2');
    expect(ringingAt(router, 'i3')).toEqual(['a1']);
  });

  it('lists waiting interactions in serving order and lets an agent pick any of them by hand', () => {
    const { router } = rig({ queues: [queue('help', { allowManualPick: true })], agents: [seat('a1', ['help'])] });
    router.login('a1');
    const billing = { queueId: 'help', skills: { billing: 5 } };
    router.submit({ ...chat('c1'), ...billing });
    router.submit({ ...chat('c2'), ...billing, priority: 1 });
    router.submit({ ...chat('c3'), ...billing });
    expect(router.waitingIn('help').map((r) => r.id)).toEqual(['c2', 'c1', 'c3']);
    expect(router.pick('a1', 'c3')).toMatchObject({ status: 'active', agentId: 'a1' });
    expect(router.waitingIn('help').map((r) => r.id)).toEqual(['c2', 'c1']);
    expect(() => router.pick('a1', 'c3')).toThrow(Conflict);
  });

  it('refuses a pick from a queue that does not allow it, or by a non-member', () => {
    const { router } = rig({ queues: [queue('sales'), queue('help', { allowManualPick: true })], agents: [seat('a1', ['sales'])] });
    router.submit(chat('c1'));
    router.submit({ ...chat('h1'), queueId: 'help' });
    expect(() => router.pick('a1', 'c1')).toThrow(Forbidden);
    expect(() => router.pick('a1', 'h1')).toThrow(Forbidden);
  });

  it('picks: the interaction goes straight to the agent as active', () => {
    const { router } = rig({ queues: [queue('help', { allowManualPick: true })], agents: [seat('a1', ['help'], { skills: {} })] });
    router.submit({ ...chat('h1'), queueId: 'help', skills: { billing: 5 } });
    router.login('a1');
    expect(router.interaction('h1')?.status).toBe('waiting');
    expect(router.pick('a1', 'h1')).toMatchObject({ status: 'active', agentId: 'a1' });
  });
});

describe('queue order', () => {
  it('serves higher priority first and FIFO within a priority', () => {
    const { router, clock } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'])] });
    router.submit(voice('low1'));
    clock.advance(1);
    router.submit(voice('high', { priority: 2 }));
    clock.advance(1);
    router.submit(voice('low2'));
    const served: string[] = [];
    router.login('a1');
    for (let i = 0; i < 3; i++) {
      const id = ['low1', 'high', 'low2'].find((x) => ringingAt(router, x).length > 0) as string;
      served.push(id);
      router.accept('a1', id);
      router.end(id);
    }
    expect(served).toEqual(['high', 'low1', 'low2']);
  });

  it('ages priority: a low priority interaction that waited long enough beats a fresh high one', () => {
    const { router, clock } = rig({ queues: [queue('sales', { agingSeconds: 10 })], agents: [seat('a1', ['sales'])] });
    router.submit(voice('old'));
    clock.advance(25_000);
    router.submit(voice('new', { priority: 2 }));
    router.login('a1');
    expect(ringingAt(router, 'old')).toEqual(['a1']);
  });

  it('matches required skills and levels', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'], { skills: { fr: 3 } }), seat('a2', ['sales'], { skills: { fr: 8 } })] });
    router.login('a1');
    router.login('a2');
    router.submit(voice('i1', { skills: { fr: 5 } }));
    expect(ringingAt(router, 'i1')).toEqual(['a2']);
  });

  it('takes the higher priority queue first for an agent serving several', () => {
    const { router } = rig({ queues: [queue('sales'), queue('vip', { priority: 5 })], agents: [seat('a1', ['sales', 'vip'])] });
    router.submit(voice('s1'));
    router.submit({ ...voice('v1'), queueId: 'vip' });
    router.login('a1');
    expect(ringingAt(router, 'v1')).toEqual(['a1']);
  });

  it('keeps FIFO when two come back at once and the only free agent refused the older one', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'], { capacity: { webim: 2 } }), seat('a2', ['sales'], { capacity: { webim: 1 } })] });
    router.login('a2');
    router.submit(chat('old'));
    router.login('a1');
    router.reject('a2', 'old');
    expect(ringingAt(router, 'old')).toEqual(['a1']);
    router.setNotReady('a2', 'break');
    router.submit(chat('new'));
    expect(ringingAt(router, 'new')).toEqual(['a1']);
    router.setAvailable('a2');
    // Both come back; a2 (one slot) refused 'old' but is the only one free: 'old' still goes first.
    router.setNotReady('a1', 'break');
    expect(ringingAt(router, 'old')).toEqual(['a2']);
    expect(router.interaction('new')?.status).toBe('waiting');
  });
});

describe('overflow and exits', () => {
  it('widens skills after T seconds', () => {
    const { router, scheduler, events } = rig({ queues: [queue('sales', { overflow: [{ afterSeconds: 30, action: 'widen_skills' }] })], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1', { skills: { de: 5 } }));
    expect(router.interaction('i1')?.status).toBe('waiting');
    scheduler.advance(30_000);
    expect(ringingAt(router, 'i1')).toEqual(['a1']);
    expect(events.find((e) => e.type === 'overflowed')).toMatchObject({ action: 'widen_skills', fromQueueId: 'sales' });
  });

  it('moves to another queue keeping the original arrival for FIFO', () => {
    const { router, scheduler, clock } = rig({
      queues: [queue('sales', { overflow: [{ afterSeconds: 60, action: 'move_queue', targetQueueId: 'backup' }] }), queue('backup')],
      agents: [seat('b1', ['backup'])],
    });
    router.submit(voice('early'));
    clock.advance(10_000);
    router.submit({ ...voice('direct'), queueId: 'backup' });
    scheduler.advance(60_000);
    const moved = router.interaction('early');
    expect(moved).toMatchObject({ queueId: 'backup', enqueuedAt: 0 + moved!.enqueuedAt });
    expect(router.waitingIn('backup').map((r) => r.id)).toEqual(['early', 'direct']);
    router.login('b1');
    expect(ringingAt(router, 'early')).toEqual(['b1']);
  });

  it.each(['callback', 'voicemail', 'ticket'] as const)('exits via %s with an event for the channel', (action) => {
    const { router, scheduler, events } = rig({ queues: [queue('sales', { overflow: [{ afterSeconds: 45, action }] })], agents: [] });
    router.submit(voice('i1'));
    scheduler.advance(45_000);
    expect(router.interaction('i1')).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'exited', reason: action });
  });

  it('exits at max wait', () => {
    const { router, scheduler, events } = rig({ queues: [queue('sales', { maxWaitSeconds: 120 })], agents: [] });
    router.submit(voice('i1'));
    scheduler.advance(119_000);
    expect(router.interaction('i1')?.status).toBe('waiting');
    scheduler.advance(1_000);
    expect(events.at(-1)).toMatchObject({ type: 'exited', reason: 'max_wait' });
  });

  it('applies a rule that fell due while ringing once the interaction is back in the queue', () => {
    const { router, scheduler } = rig({ queues: [queue('sales', { offerTimeoutSeconds: 20, overflow: [{ afterSeconds: 10, action: 'voicemail' }] })], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    scheduler.advance(15_000);
    expect(ringingAt(router, 'i1')).toEqual(['a1']);
    scheduler.advance(5_000);
    expect(router.interaction('i1')).toBeUndefined();
  });

  it('join-when-empty refuse: refused when no agent is available for the media', () => {
    const { router, events } = rig({ queues: [queue('sales', { joinWhenEmpty: 'refuse' })], agents: [seat('a1', ['sales'])] });
    expect(router.submit(voice('i1')).outcome).toBe('refused');
    expect(events.at(-1)).toMatchObject({ type: 'exited', reason: 'join_refused' });
    router.login('a1');
    router.submit(voice('i2'));
    router.accept('a1', 'i2');
    expect(router.submit(voice('i3')).outcome).toBe('queued');
  });

  it('leave-when-empty: waiting interactions exit when the last agent leaves', () => {
    const { router, events } = rig({ queues: [queue('sales', { leaveWhenEmpty: true })], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    router.accept('a1', 'i1');
    router.submit(voice('i2'));
    router.setNotReady('a1', 'break');
    expect(router.interaction('i2')).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'exited', reason: 'queue_empty' });
    expect(router.interaction('i1')?.status).toBe('active');
  });

  it('abandon removes a waiting or ringing interaction and frees the agent', () => {
    const { router, events } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'])] });
    router.login('a1');
    router.submit(voice('i1'));
    router.submit(voice('i2'));
    router.abandon('i1');
    expect(events.filter((e) => e.type === 'offer_cancelled')).toHaveLength(1);
    expect(ringingAt(router, 'i2')).toEqual(['a1']);
    expect(router.interaction('i1')).toBeUndefined();
  });
});

describe('live state', () => {
  it('reports position and estimated wait from handle times and serving agents', () => {
    const { router, clock } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales']), seat('a2', ['sales'])], defaultHandleSeconds: 100 });
    router.login('a1');
    router.login('a2');
    router.submit(voice('i1'));
    router.submit(voice('i2'));
    router.accept('a1', 'i1');
    router.accept('a2', 'i2');
    for (const id of ['w1', 'w2', 'w3']) router.submit(voice(id));
    expect(router.position('w3')).toBe(3);
    expect(router.estimatedWait('w3')).toBe(150);
    clock.advance(60_000);
    router.end('i1');
    expect(router.estimatedWait('w3')).toBe(60);
    expect(() => router.position('nope')).toThrow(NotFound);
  });

  it('computes service level over today: answered in time / (answered + abandoned late)', () => {
    const { router, clock } = rig({ queues: [queue('sales', { serviceLevelSeconds: 20 })], agents: [seat('a1', ['sales'])] });
    router.submit(voice('fast'));
    router.submit(voice('late'));
    router.submit(voice('gone-late'));
    router.submit(voice('gone-early'));
    clock.advance(5_000);
    router.abandon('gone-early');
    router.login('a1');
    router.accept('a1', 'fast');
    router.end('fast');
    clock.advance(30_000);
    router.abandon('gone-late');
    router.accept('a1', 'late');
    const stats = router.queueStats('sales');
    expect(stats).toMatchObject({ offered: 4, answered: 2, abandoned: 2, waiting: 0 });
    expect(stats.serviceLevel).toBeCloseTo(1 / 3);
    clock.advance(86_400_000);
    expect(router.queueStats('sales')).toMatchObject({ offered: 0, serviceLevel: null });
  });

  it('reports waiting and longest wait', () => {
    const { router, clock } = rig({ queues: [queue('sales')], agents: [] });
    router.submit(voice('i1'));
    clock.advance(7_000);
    router.submit(chat('i2'));
    expect(router.queueStats('sales')).toMatchObject({ waiting: 2, longestWaitSeconds: 7, agentsAvailable: 0 });
  });

  it('emits typed events to listeners per type, and stops on unsubscribe', () => {
    const { router } = rig({ queues: [queue('sales')], agents: [seat('a1', ['sales'])] });
    const offered: string[] = [];
    const off = router.events.on('offered', (e) => offered.push(`${e.interaction.id}->${e.agentId}`));
    router.login('a1');
    router.submit(chat('c1'));
    off();
    router.submit(chat('c2'));
    expect(offered).toEqual(['c1->a1']);
  });
});

describe('validation', () => {
  it('rejects bad configuration and bad interactions with typed errors', () => {
    expect(() => rig({ queues: [queue('a', { overflow: [{ afterSeconds: 5, action: 'move_queue', targetQueueId: 'zz' }] })], agents: [] })).toThrow(ValidationError);
    expect(() => rig({ queues: [queue('a')], agents: [seat('x', ['nope'])] })).toThrow(ValidationError);
    const { router } = rig({ queues: [queue('sales', { media: ['voice'] })], agents: [] });
    expect(() => router.submit(chat('c1'))).toThrow(ValidationError);
    expect(() => router.submit({ ...voice('v1'), queueId: 'zz' })).toThrow(NotFound);
    router.submit(voice('v1'));
    expect(() => router.submit(voice('v1'))).toThrow(Conflict);
  });
});

describe('transfer to a named agent', () => {
  const config = () => ({ queues: [queue('sales', { offerTimeoutSeconds: 10, allowManualPick: true })], agents: [seat('a1', ['sales']), seat('a2', ['sales']), seat('x', [])] });

  it('waits for the named agent only, even with others free, and is theirs when a slot frees', () => {
    const { router } = rig(config());
    for (const a of ['a1', 'a2', 'x']) router.login(a);
    router.submit(chat('c1'));
    router.submit(chat('c2'));
    router.submit(chat('c3'));
    for (const id of ['c1', 'c2', 'c3']) router.accept(ringingAt(router, id)[0] as string, id);
    const holder = router.interaction('c1')?.agentId === 'a1' ? 'a1' : 'a2';
    expect(router.agentStates().find((s) => s.agentId === holder)?.work.length).toBeGreaterThan(0);
    // a1 and a2 each have free chat slots; the named agent (x, in no queue) takes the transfer.
    expect(router.submit(chat('t1', { targetAgentId: 'x' })).outcome).toBe('offered');
    expect(ringingAt(router, 't1')).toEqual(['x']);
    router.accept('x', 't1');
    router.submit(chat('t2', { targetAgentId: 'x' }));
    router.submit(chat('t3', { targetAgentId: 'x' }));
    router.accept('x', 't2');
    router.accept('x', 't3');
    // x is full (3 chats): the fourth waits for x, and nobody else is offered it.
    expect(router.submit(chat('t4', { targetAgentId: 'x' })).outcome).toBe('queued');
    expect(ringingAt(router, 't4')).toEqual([]);
    expect(router.position('t4')).toBe(1);
    expect(router.waitingIn('sales').map((r) => r.id)).toEqual(['t4']);
    expect(router.queueStats('sales').waiting).toBe(1);
    expect(() => router.pick('a1', 't4')).toThrow(Conflict);
    router.end('t2');
    expect(ringingAt(router, 't4')).toEqual(['x']);
  });

  it('goes to the queue when the named agent rejects or lets it ring out', () => {
    const { router, scheduler } = rig(config());
    for (const a of ['a1', 'x']) router.login(a);
    router.submit(voice('v1', { targetAgentId: 'x' }));
    expect(ringingAt(router, 'v1')).toEqual(['x']);
    router.reject('x', 'v1');
    expect(ringingAt(router, 'v1')).toEqual(['a1']);
    expect(router.interaction('v1')?.target).toBeNull();

    router.accept('a1', 'v1');
    router.submit(voice('v2', { targetAgentId: 'x' }));
    expect(ringingAt(router, 'v2')).toEqual(['x']);
    router.end('v1');
    scheduler.advance(10_000);
    expect(ringingAt(router, 'v2')).toEqual(['a1']);
  });

  it('is released to the queue when the named agent stays busy past the wait, or signs out', () => {
    const { router, scheduler } = rig(config());
    for (const a of ['a1', 'x']) router.login(a);
    router.submit(voice('v0', { targetAgentId: 'x' }));
    router.accept('x', 'v0');
    router.accept('a1', router.submit(voice('v1')).interaction.id);
    router.submit(voice('v2', { targetAgentId: 'x', targetWaitSeconds: 30 }));
    router.submit(voice('v3', { targetAgentId: 'x', targetWaitSeconds: 300 }));
    router.end('v1');
    // a1 is free but the two wait for x.
    expect(ringingAt(router, 'v2')).toEqual([]);
    scheduler.advance(30_000);
    expect(ringingAt(router, 'v2')).toEqual(['a1']);
    expect(ringingAt(router, 'v3')).toEqual([]);
    router.end('v0');
    router.logout('x');
    expect(router.interaction('v3')?.target).toBeNull();
    expect(router.position('v3')).toBe(1);
  });

  it('goes straight to the queue when the named agent is signed out, and refuses one who cannot take the media', () => {
    const { router } = rig({ ...config(), agents: [...config().agents, seat('novoice', ['sales'], { capacity: { webim: 2 } })] });
    router.login('a1');
    router.submit(voice('v1', { targetAgentId: 'x' }));
    expect(ringingAt(router, 'v1')).toEqual(['a1']);
    expect(() => router.submit(voice('v2', { targetAgentId: 'novoice' }))).toThrow(ValidationError);
    expect(() => router.submit(voice('v3', { targetAgentId: 'ghost' }))).toThrow(NotFound);
  });

  it('still waits for the named agent after a restart', async () => {
    const first = rig(config());
    first.router.login('x');
    first.router.submit(voice('v0', { targetAgentId: 'x' }));
    first.router.accept('x', 'v0');
    first.router.login('a1');
    first.router.submit(voice('t1', { targetAgentId: 'x' }));
    await first.router.persisted();
    first.router.dispose();
    const { router } = await restart(config(), first.store, first.clock);
    expect(router.interaction('t1')?.target?.agentId).toBe('x');
    expect(ringingAt(router, 't1')).toEqual([]);
    router.end('v0');
    expect(ringingAt(router, 't1')).toEqual(['x']);
  });
});

describe('live queue counters', () => {
  it("count the centre's local day (Asia/Shanghai by default) and leave short abandons out of service level", () => {
    // 2026-03-01 15:50 UTC is 23:50 in Shanghai; ten minutes later the local day turns.
    const start = Date.UTC(2026, 2, 1, 15, 50);
    const { router, clock } = rig({ queues: [queue('sales', { serviceLevelSeconds: 20 })], agents: [seat('a1', ['sales'])] }, new MemoryStore(), new ManualClock(start));
    router.submit(voice('quick'));
    clock.advance(3_000);
    router.abandon('quick'); // a short abandon: not held against the service level
    router.submit(voice('slow'));
    clock.advance(30_000);
    router.abandon('slow');
    router.login('a1');
    router.submit(voice('served'));
    router.accept('a1', 'served');
    expect(router.queueStats('sales')).toMatchObject({ offered: 3, answered: 1, abandoned: 2, serviceLevel: 1 / 2 });
    clock.advance(Date.UTC(2026, 2, 1, 16, 0, 1) - clock.now()); // 00:00:01 on 03-02 in Shanghai, still 03-01 in UTC
    expect(router.queueStats('sales')).toMatchObject({ offered: 0, answered: 0, abandoned: 0, serviceLevel: null });
  });
});
