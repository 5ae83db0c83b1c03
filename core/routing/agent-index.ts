import { capacityRefusal, occupancy } from '../agents/capacity';
import { offlineAgent, transition, type AgentState, type PresenceEvent, type Refusal } from '../agents/presence';
import { Conflict, NotFound } from '../errors';
import { hasSkills, proficiency } from './filters';
import type { AgentSeat, Media, QueueConfig } from './model';
import type { Candidate } from './strategies';

const slotKey = (queueId: string, media: Media): string => `${queueId}\u0000${media}`;

/**
 * Seats and live agent states, plus two indexes kept up to date on every transition so that a
 * routing decision never scans all agents:
 *  - free:    (queue, media) -> agents available with a free slot for that media right now
 *  - serving: (queue, media) -> agents logged in and available for that media, busy or not
 */
export class AgentIndex {
  private readonly seats = new Map<string, AgentSeat>();
  private readonly states = new Map<string, AgentState>();
  /** Each seat's queues, highest queue priority first (the order an idle agent looks for work). */
  private readonly memberOf = new Map<string, QueueConfig[]>();
  private readonly free = new Map<string, Set<string>>();
  private readonly serving = new Map<string, Set<string>>();
  /** Agents that gained a free slot since the router last looked: they may take waiting work. */
  readonly freed = new Set<string>();

  constructor(
    seats: readonly AgentSeat[],
    queues: ReadonlyMap<string, QueueConfig>,
    private readonly reasons: readonly string[],
    private readonly onChange: (state: AgentState, at: number) => void,
    at: number,
  ) {
    for (const seat of seats) {
      this.seats.set(seat.agentId, seat);
      const member = seat.queues.map((id) => queues.get(id)).filter((q): q is QueueConfig => q !== undefined);
      this.memberOf.set(seat.agentId, member.sort((a, b) => b.priority - a.priority));
      this.states.set(seat.agentId, offlineAgent(seat.agentId, at));
    }
  }

  seat(agentId: string): AgentSeat {
    const seat = this.seats.get(agentId);
    if (!seat) throw new NotFound(`unknown agent ${agentId}`);
    return seat;
  }

  state(agentId: string): AgentState {
    this.seat(agentId);
    return this.states.get(agentId) as AgentState;
  }

  all(): AgentState[] {
    return [...this.states.values()];
  }

  queuesOf(agentId: string): readonly QueueConfig[] {
    return this.memberOf.get(agentId) ?? [];
  }

  /** Apply a presence event; a refusal becomes a Conflict carrying the reason code. */
  apply(agentId: string, event: PresenceEvent, at: number): AgentState {
    const result = this.attempt(agentId, event, at);
    if (typeof result === 'string') throw new Conflict(`agent ${agentId}: ${event.type} refused (${result})`, { refusal: result });
    return result;
  }

  attempt(agentId: string, event: PresenceEvent, at: number): AgentState | Refusal {
    const seat = this.seat(agentId);
    const result = transition(this.state(agentId), event, at, { reasons: this.reasons, seat });
    if (!result.ok) return result.refusal;
    this.put(result.state);
    this.onChange(result.state, at);
    return result.state;
  }

  /** Put back a stored state without emitting (restart). */
  restore(state: AgentState): void {
    if (this.seats.has(state.agentId)) this.put(state);
  }

  isFree(agentId: string, queueId: string, media: Media): boolean {
    return this.free.get(slotKey(queueId, media))?.has(agentId) ?? false;
  }

  freeIn(queueId: string, media: Media): ReadonlySet<string> {
    return this.free.get(slotKey(queueId, media)) ?? new Set<string>();
  }

  servingIn(queueId: string, media: Media): ReadonlySet<string> {
    return this.serving.get(slotKey(queueId, media)) ?? new Set<string>();
  }

  /** Free agents of the queue who have the skills, as strategies see them. */
  candidates(queueId: string, media: Media, skills: Readonly<Record<string, number>>, skip: readonly string[]): Candidate[] {
    const out: Candidate[] = [];
    for (const agentId of this.freeIn(queueId, media)) {
      if (skip.includes(agentId)) continue;
      const seat = this.seats.get(agentId) as AgentSeat;
      if (!hasSkills(seat, skills)) continue;
      const state = this.states.get(agentId) as AgentState;
      out.push({
        agentId,
        idleSince: state.idleSince,
        handled: state.handled,
        occupancy: occupancy(seat, state.work, media),
        proficiency: proficiency(seat, skills),
      });
    }
    return out;
  }

  private put(state: AgentState): void {
    const seat = this.seats.get(state.agentId) as AgentSeat;
    this.states.set(state.agentId, state);
    const available = state.presence === 'available';
    for (const queue of this.queuesOf(state.agentId)) {
      for (const media of queue.media) {
        if ((seat.capacity[media] ?? 0) === 0) continue;
        const key = slotKey(queue.id, media);
        toggle(this.serving, key, state.agentId, available);
        const isFree = available && capacityRefusal(seat, state.work, media) === null;
        if (toggle(this.free, key, state.agentId, isFree) && isFree) this.freed.add(state.agentId);
      }
    }
  }
}

/** Add or remove `id`; true when membership changed. */
function toggle(index: Map<string, Set<string>>, key: string, id: string, member: boolean): boolean {
  let set = index.get(key);
  if (!set) {
    set = new Set<string>();
    index.set(key, set);
  }
  if (set.has(id) === member) return false;
  if (member) set.add(id);
  else set.delete(id);
  return true;
}
