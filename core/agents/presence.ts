import type { Media } from '../routing/model';
import { capacityRefusal, type CapacityRefusal, type SeatCapacity, type WorkItem, type WorkPhase } from './capacity';

/**
 * An agent's state = the presence they chose (offline / available / not-ready + reason) plus one
 * work item per interaction they hold (reserved, ringing, busy, wrap-up). Capacity is computed from
 * the work items, so an agent can be "available" for chat while busy with two chats.
 */
export type Presence = 'offline' | 'available' | 'not_ready';

export interface AgentState {
  readonly agentId: string;
  readonly presence: Presence;
  readonly reason: string | null;
  /** When the presence last changed. */
  readonly since: number;
  readonly work: readonly WorkItem[];
  /** Consecutive offers missed (rejected or timed out); reset by an accept. */
  readonly misses: number;
  /** When the agent last finished work or became available: longest-idle ranks by it. */
  readonly idleSince: number;
  /** Interactions accepted since login: fewest-interactions ranks by it. */
  readonly handled: number;
}

export const MISSED = 'missed';

export type PresenceEvent =
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'available' }
  | { type: 'not_ready'; reason: string }
  | { type: 'reserve'; interactionId: string; media: Media; queueId: string }
  | { type: 'ring'; interactionId: string }
  | { type: 'accept'; interactionId: string }
  /** Rejected or not answered in time; after `maxMisses` in a row the agent goes not-ready 'missed'. */
  | { type: 'miss'; interactionId: string; maxMisses: number }
  /** Offer withdrawn through no fault of the agent (answered elsewhere, caller hung up, restart). */
  | { type: 'cancel'; interactionId: string }
  | { type: 'end'; interactionId: string; wrapUp: boolean }
  | { type: 'wrap_done'; interactionId: string };

export type Refusal =
  | CapacityRefusal
  | 'offline'
  | 'already_logged_in'
  | 'unknown_reason'
  | 'not_available'
  | 'already_holding'
  | 'not_offered'
  | 'not_busy'
  | 'not_in_wrap_up'
  | 'has_active_work';

export type TransitionResult = { ok: true; state: AgentState } | { ok: false; refusal: Refusal };

export interface PresenceRules {
  readonly reasons: readonly string[];
  readonly seat: SeatCapacity;
}

export function offlineAgent(agentId: string, at: number): AgentState {
  return { agentId, presence: 'offline', reason: null, since: at, work: [], misses: 0, idleSince: at, handled: 0 };
}

const ok = (state: AgentState): TransitionResult => ({ ok: true, state });
const refuse = (refusal: Refusal): TransitionResult => ({ ok: false, refusal });

/*
 * Transitions run on every routing decision (reserve, ring, accept, end...), so the helpers below
 * build each new state with one object literal of a fixed shape and plain loops: no spread of the
 * old state, no closures, no intermediate arrays.
 */
function next(
  s: AgentState,
  presence: Presence,
  reason: string | null,
  since: number,
  work: readonly WorkItem[],
  misses: number,
  idleSince: number,
  handled: number,
): AgentState {
  return { agentId: s.agentId, presence, reason, since, work, misses, idleSince, handled };
}

function withWork(s: AgentState, work: readonly WorkItem[]): AgentState {
  return next(s, s.presence, s.reason, s.since, work, s.misses, s.idleSince, s.handled);
}

function findItem(state: AgentState, interactionId: string): WorkItem | undefined {
  const work = state.work;
  for (let i = 0; i < work.length; i++) if ((work[i] as WorkItem).interactionId === interactionId) return work[i];
  return undefined;
}

function item(w: WorkItem, phase: WorkPhase, since: number): WorkItem {
  return { interactionId: w.interactionId, media: w.media, queueId: w.queueId, phase, since };
}

/** The work list with `updated` in place of the item with the same interaction id. */
function replaced(work: readonly WorkItem[], updated: WorkItem): WorkItem[] {
  const out = new Array<WorkItem>(work.length);
  for (let i = 0; i < work.length; i++) {
    const w = work[i] as WorkItem;
    out[i] = w.interactionId === updated.interactionId ? updated : w;
  }
  return out;
}

function without(work: readonly WorkItem[], interactionId: string): WorkItem[] {
  const out: WorkItem[] = [];
  for (let i = 0; i < work.length; i++) {
    const w = work[i] as WorkItem;
    if (w.interactionId !== interactionId) out.push(w);
  }
  return out;
}

function setPresence(state: AgentState, presence: Presence, reason: string | null, at: number): AgentState {
  // Coming back to work restarts the idle clock; otherwise a long break would win longest-idle.
  const idleSince = presence === 'available' && state.presence !== 'available' ? at : state.idleSince;
  return next(state, presence, reason, at, state.work, state.misses, idleSince, state.handled);
}

/** Pure: the next state, or why the event is refused. Every change carries its timestamp `at`. */
export function transition(state: AgentState, event: PresenceEvent, at: number, rules: PresenceRules): TransitionResult {
  switch (event.type) {
    case 'login': {
      if (state.presence !== 'offline') return refuse('already_logged_in');
      const s = setPresence(state, 'available', null, at);
      return ok(next(s, s.presence, s.reason, s.since, s.work, 0, s.idleSince, 0));
    }
    case 'logout':
      if (state.presence === 'offline') return refuse('offline');
      if (state.work.length > 0) return refuse('has_active_work');
      return ok(setPresence(state, 'offline', null, at));
    case 'available': {
      if (state.presence === 'offline') return refuse('offline');
      const s = setPresence(state, 'available', null, at);
      return ok(next(s, s.presence, s.reason, s.since, s.work, 0, s.idleSince, s.handled));
    }
    case 'not_ready':
      if (state.presence === 'offline') return refuse('offline');
      if (event.reason !== MISSED && !rules.reasons.includes(event.reason)) return refuse('unknown_reason');
      return ok(setPresence(state, 'not_ready', event.reason, at));
    case 'reserve': {
      if (state.presence !== 'available') return refuse('not_available');
      if (findItem(state, event.interactionId)) return refuse('already_holding');
      const full = capacityRefusal(rules.seat, state.work, event.media);
      if (full) return refuse(full);
      const added: WorkItem = { interactionId: event.interactionId, media: event.media, queueId: event.queueId, phase: 'reserved', since: at };
      const work = state.work.slice();
      work.push(added);
      return ok(withWork(state, work));
    }
    case 'ring': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'reserved') return refuse('not_offered');
      return ok(withWork(state, replaced(state.work, item(w, 'ringing', at))));
    }
    case 'accept': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'ringing' && w?.phase !== 'reserved') return refuse('not_offered');
      const work = replaced(state.work, item(w, 'busy', at));
      return ok(next(state, state.presence, state.reason, state.since, work, 0, state.idleSince, state.handled + 1));
    }
    case 'miss': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'ringing' && w?.phase !== 'reserved') return refuse('not_offered');
      const missed = next(state, state.presence, state.reason, state.since, without(state.work, event.interactionId), state.misses + 1, state.idleSince, state.handled);
      if (missed.misses < event.maxMisses || missed.presence !== 'available') return ok(missed);
      return ok(setPresence(missed, 'not_ready', MISSED, at));
    }
    case 'cancel': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'ringing' && w?.phase !== 'reserved') return refuse('not_offered');
      return ok(withWork(state, without(state.work, event.interactionId)));
    }
    case 'end': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'busy') return refuse('not_busy');
      if (event.wrapUp) return ok(withWork(state, replaced(state.work, item(w, 'wrap_up', at))));
      return ok(next(state, state.presence, state.reason, state.since, without(state.work, event.interactionId), state.misses, at, state.handled));
    }
    case 'wrap_done': {
      const w = findItem(state, event.interactionId);
      if (w?.phase !== 'wrap_up') return refuse('not_in_wrap_up');
      return ok(next(state, state.presence, state.reason, state.since, without(state.work, event.interactionId), state.misses, at, state.handled));
    }
  }
}

/** What the agent looks like from outside: the busiest work phase wins over the chosen presence. */
export function displayStatus(state: AgentState): Presence | 'reserved' | 'ringing' | 'busy' | 'wrap_up' {
  const order = ['busy', 'ringing', 'reserved', 'wrap_up'] as const;
  for (const phase of order) if (state.work.some((w) => w.phase === phase)) return phase;
  return state.presence;
}
