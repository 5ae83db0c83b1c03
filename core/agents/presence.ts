import type { Media } from '../routing/model';
import { capacityRefusal, type CapacityRefusal, type SeatCapacity, type WorkItem } from './capacity';

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

function findItem(state: AgentState, interactionId: string): WorkItem | undefined {
  return state.work.find((w) => w.interactionId === interactionId);
}

function withItem(state: AgentState, item: WorkItem): AgentState {
  return { ...state, work: state.work.map((w) => (w.interactionId === item.interactionId ? item : w)) };
}

function without(state: AgentState, interactionId: string): AgentState {
  return { ...state, work: state.work.filter((w) => w.interactionId !== interactionId) };
}

function setPresence(state: AgentState, presence: Presence, reason: string | null, at: number): AgentState {
  // Coming back to work restarts the idle clock; otherwise a long break would win longest-idle.
  const idleSince = presence === 'available' && state.presence !== 'available' ? at : state.idleSince;
  return { ...state, presence, reason, since: at, idleSince };
}

/** Pure: the next state, or why the event is refused. Every change carries its timestamp `at`. */
export function transition(state: AgentState, event: PresenceEvent, at: number, rules: PresenceRules): TransitionResult {
  switch (event.type) {
    case 'login':
      if (state.presence !== 'offline') return refuse('already_logged_in');
      return ok({ ...setPresence(state, 'available', null, at), misses: 0, handled: 0 });
    case 'logout':
      if (state.presence === 'offline') return refuse('offline');
      if (state.work.length > 0) return refuse('has_active_work');
      return ok(setPresence(state, 'offline', null, at));
    case 'available':
      if (state.presence === 'offline') return refuse('offline');
      return ok({ ...setPresence(state, 'available', null, at), misses: 0 });
    case 'not_ready':
      if (state.presence === 'offline') return refuse('offline');
      if (event.reason !== MISSED && !rules.reasons.includes(event.reason)) return refuse('unknown_reason');
      return ok(setPresence(state, 'not_ready', event.reason, at));
    case 'reserve': {
      if (state.presence !== 'available') return refuse('not_available');
      if (findItem(state, event.interactionId)) return refuse('already_holding');
      const full = capacityRefusal(rules.seat, state.work, event.media);
      if (full) return refuse(full);
      const item: WorkItem = { interactionId: event.interactionId, media: event.media, queueId: event.queueId, phase: 'reserved', since: at };
      return ok({ ...state, work: [...state.work, item] });
    }
    case 'ring': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'reserved') return refuse('not_offered');
      return ok(withItem(state, { ...item, phase: 'ringing', since: at }));
    }
    case 'accept': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'ringing' && item?.phase !== 'reserved') return refuse('not_offered');
      return ok({ ...withItem(state, { ...item, phase: 'busy', since: at }), misses: 0, handled: state.handled + 1 });
    }
    case 'miss': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'ringing' && item?.phase !== 'reserved') return refuse('not_offered');
      const next = { ...without(state, event.interactionId), misses: state.misses + 1 };
      if (next.misses < event.maxMisses || next.presence !== 'available') return ok(next);
      return ok(setPresence(next, 'not_ready', MISSED, at));
    }
    case 'cancel': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'ringing' && item?.phase !== 'reserved') return refuse('not_offered');
      return ok(without(state, event.interactionId));
    }
    case 'end': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'busy') return refuse('not_busy');
      if (event.wrapUp) return ok(withItem(state, { ...item, phase: 'wrap_up', since: at }));
      return ok({ ...without(state, event.interactionId), idleSince: at });
    }
    case 'wrap_done': {
      const item = findItem(state, event.interactionId);
      if (item?.phase !== 'wrap_up') return refuse('not_in_wrap_up');
      return ok({ ...without(state, event.interactionId), idleSince: at });
    }
  }
}

/** What the agent looks like from outside: the busiest work phase wins over the chosen presence. */
export function displayStatus(state: AgentState): Presence | 'reserved' | 'ringing' | 'busy' | 'wrap_up' {
  const order = ['busy', 'ringing', 'reserved', 'wrap_up'] as const;
  for (const phase of order) if (state.work.some((w) => w.phase === phase)) return phase;
  return state.presence;
}
