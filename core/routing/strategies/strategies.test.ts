import { describe, expect, it } from 'vitest';
import { strategies, type Candidate } from './index';

const c = (agentId: string, extra: Partial<Candidate> = {}): Candidate => ({ agentId, idleSince: 0, handled: 0, occupancy: 0, proficiency: 0, ...extra });
const ctx = { now: 10_000, lastAssigned: null };

describe('strategies share one signature: select(candidates, ctx) -> ordered agent ids', () => {
  it('longest_idle: earliest idleSince first, ties by id', () => {
    const out = strategies.longest_idle.select([c('b', { idleSince: 5 }), c('a', { idleSince: 9 }), c('c', { idleSince: 5 })], ctx);
    expect(out).toEqual(['b', 'c', 'a']);
    expect(strategies.longest_idle.ring).toBe('one');
  });

  it('round_robin: continues after the last agent assigned, wrapping around', () => {
    const cands = [c('a'), c('b'), c('c'), c('d')];
    expect(strategies.round_robin.select(cands, ctx)).toEqual(['a', 'b', 'c', 'd']);
    expect(strategies.round_robin.select(cands, { ...ctx, lastAssigned: 'b' })).toEqual(['c', 'd', 'a', 'b']);
    expect(strategies.round_robin.select(cands, { ...ctx, lastAssigned: 'd' })).toEqual(['a', 'b', 'c', 'd']);
    // The last one assigned may have gone: the turn goes to whoever follows their place in the circle.
    expect(strategies.round_robin.select([c('a'), c('c')], { ...ctx, lastAssigned: 'b' })).toEqual(['c', 'a']);
  });

  it('fewest_interactions: fewest handled first, then longest idle', () => {
    const out = strategies.fewest_interactions.select([c('a', { handled: 3 }), c('b', { handled: 1, idleSince: 8 }), c('c', { handled: 1, idleSince: 2 })], ctx);
    expect(out).toEqual(['c', 'b', 'a']);
  });

  it('least_occupied: lowest share of slots in use first, then longest idle', () => {
    const out = strategies.least_occupied.select([c('a', { occupancy: 0.6 }), c('b', { occupancy: 0.2, idleSince: 5 }), c('c', { occupancy: 0.2, idleSince: 1 })], ctx);
    expect(out).toEqual(['c', 'b', 'a']);
  });

  it('skills_based: highest proficiency first, then longest idle', () => {
    const out = strategies.skills_based.select([c('a', { proficiency: 5 }), c('b', { proficiency: 9, idleSince: 7 }), c('c', { proficiency: 9, idleSince: 3 })], ctx);
    expect(out).toEqual(['c', 'b', 'a']);
  });

  it('ring_all and ring_progressive order by longest idle and ring more than one', () => {
    const cands = [c('a', { idleSince: 3 }), c('b', { idleSince: 1 })];
    expect(strategies.ring_all.select(cands, ctx)).toEqual(['b', 'a']);
    expect(strategies.ring_all.ring).toBe('all');
    expect(strategies.ring_progressive.select(cands, ctx)).toEqual(['b', 'a']);
    expect(strategies.ring_progressive.ring).toBe('progressive');
  });

  it('never drops or invents candidates', () => {
    const cands = [c('x', { idleSince: 4, handled: 2, occupancy: 0.5, proficiency: 3 }), c('y'), c('z', { idleSince: -1 })];
    for (const s of Object.values(strategies)) expect([...s.select(cands, { ...ctx, lastAssigned: 'y' })].sort()).toEqual(['x', 'y', 'z']);
  });
});
