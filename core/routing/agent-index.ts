import { freeMedia, MEDIA_BIT, occupancy } from '../agents/capacity';
import { offlineAgent, transition, type AgentState, type PresenceEvent, type Refusal } from '../agents/presence';
import { Conflict, NotFound } from '../errors';
import { hasSkills, proficiency } from './filters';
import type { AgentSeat, Media, QueueConfig } from './model';
import type { Bucket, WaitSlot } from './queue-index';
import type { Candidate } from './strategies';

/** The agents of one (queue, media). */
interface AgentSlot {
  /** Available with a free slot for that media right now. */
  readonly free: Set<string>;
  /** Logged in and available for that media, busy or not. */
  readonly serving: Set<string>;
}

/** One (queue, media) an agent serves (a queue it belongs to, a media it has capacity for). */
export interface Membership {
  readonly queue: QueueConfig;
  readonly media: Media;
  readonly bit: number;
  readonly agents: AgentSlot;
  readonly waiting: WaitSlot;
  /** Global ids of the buckets of `waiting` this agent has the skills for, as of the first `seen` buckets. */
  readonly eligible: number[];
  seen: number;
}

interface Agent {
  readonly seat: AgentSeat;
  state: AgentState;
  /** Highest queue priority first (the order an idle agent looks for work), then each queue's media. */
  readonly memberships: readonly Membership[];
  readonly queues: readonly QueueConfig[];
  available: boolean;
  /** MEDIA_BITs the agent has a free slot for right now (0 unless available). */
  freeMask: number;
}

const EMPTY: ReadonlySet<string> = new Set<string>();

/**
 * Seats and live agent states, plus two indexes kept up to date on every transition so that a
 * routing decision never scans all agents:
 *  - free:    (queue, media) -> agents available with a free slot for that media right now
 *  - serving: (queue, media) -> agents logged in and available for that media, busy or not
 * A transition recomputes the agent's free-media mask once and touches only the (queue, media)
 * sets whose membership changed; most transitions (ring, accept) change none.
 */
export class AgentIndex {
  private readonly agents = new Map<string, Agent>();
  private readonly slots = new Map<string, Map<Media, AgentSlot>>();
  /** Agents that gained a free slot since the router last looked: they may take waiting work. */
  readonly freed = new Set<string>();

  constructor(
    seats: readonly AgentSeat[],
    queues: ReadonlyMap<string, QueueConfig>,
    private readonly reasons: readonly string[],
    private readonly onChange: (state: AgentState, at: number) => void,
    at: number,
    waitSlot: (queueId: string, media: Media) => WaitSlot,
  ) {
    for (const seat of seats) {
      const member = seat.queues.map((id) => queues.get(id)).filter((q): q is QueueConfig => q !== undefined);
      member.sort((a, b) => b.priority - a.priority);
      const memberships: Membership[] = [];
      for (const queue of member) {
        for (const media of queue.media) {
          if ((seat.capacity[media] ?? 0) === 0) continue;
          memberships.push({ queue, media, bit: MEDIA_BIT[media], agents: this.slot(queue.id, media), waiting: waitSlot(queue.id, media), eligible: [], seen: 0 });
        }
      }
      this.agents.set(seat.agentId, { seat, state: offlineAgent(seat.agentId, at), memberships, queues: member, available: false, freeMask: 0 });
    }
  }

  seat(agentId: string): AgentSeat {
    return this.agent(agentId).seat;
  }

  state(agentId: string): AgentState {
    return this.agent(agentId).state;
  }

  all(): AgentState[] {
    const out: AgentState[] = [];
    for (const a of this.agents.values()) out.push(a.state);
    return out;
  }

  queuesOf(agentId: string): readonly QueueConfig[] {
    return this.agents.get(agentId)?.queues ?? [];
  }

  /** The (queue, media) pairs the agent serves, in the order it looks for work. */
  membershipsOf(agentId: string): readonly Membership[] {
    return this.agent(agentId).memberships;
  }

  /** MEDIA_BITs the agent has a free slot for right now. */
  freeMaskOf(agentId: string): number {
    return this.agents.get(agentId)?.freeMask ?? 0;
  }

  /** Global ids of the buckets of a membership's (queue, media) the agent has the skills for; only buckets new since last time are checked. */
  eligible(agentId: string, m: Membership): readonly number[] {
    const buckets = m.waiting.buckets;
    if (m.seen < buckets.length) {
      const seat = this.agent(agentId).seat;
      for (let i = m.seen; i < buckets.length; i++) {
        const b = buckets[i] as Bucket;
        if (hasSkills(seat, b.skills)) m.eligible.push(b.id);
      }
      m.seen = buckets.length;
    }
    return m.eligible;
  }

  /** Apply a presence event; a refusal becomes a Conflict carrying the reason code. */
  apply(agentId: string, event: PresenceEvent, at: number): AgentState {
    const result = this.attempt(agentId, event, at);
    if (typeof result === 'string') throw new Conflict(`agent ${agentId}: ${event.type} refused (${result})`, { refusal: result });
    return result;
  }

  attempt(agentId: string, event: PresenceEvent, at: number): AgentState | Refusal {
    const agent = this.agent(agentId);
    const result = transition(agent.state, event, at, { reasons: this.reasons, seat: agent.seat });
    if (!result.ok) return result.refusal;
    this.put(agent, result.state);
    this.onChange(result.state, at);
    return result.state;
  }

  /** Put back a stored state without emitting (restart). */
  restore(state: AgentState): void {
    const agent = this.agents.get(state.agentId);
    if (agent) this.put(agent, state);
  }

  isFree(agentId: string, queueId: string, media: Media): boolean {
    return this.slots.get(queueId)?.get(media)?.free.has(agentId) ?? false;
  }

  freeIn(queueId: string, media: Media): ReadonlySet<string> {
    return this.slots.get(queueId)?.get(media)?.free ?? EMPTY;
  }

  servingIn(queueId: string, media: Media): ReadonlySet<string> {
    return this.slots.get(queueId)?.get(media)?.serving ?? EMPTY;
  }

  /** Free agents of the queue who have the skills, as strategies see them. */
  candidates(queueId: string, media: Media, skills: Readonly<Record<string, number>>, skip: readonly string[]): Candidate[] {
    const out: Candidate[] = [];
    for (const agentId of this.freeIn(queueId, media)) {
      if (skip.length > 0 && skip.includes(agentId)) continue;
      const { seat, state } = this.agents.get(agentId) as Agent;
      if (!hasSkills(seat, skills)) continue;
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

  private agent(agentId: string): Agent {
    const agent = this.agents.get(agentId);
    if (!agent) throw new NotFound(`unknown agent ${agentId}`);
    return agent;
  }

  private slot(queueId: string, media: Media): AgentSlot {
    let byMedia = this.slots.get(queueId);
    if (!byMedia) {
      byMedia = new Map();
      this.slots.set(queueId, byMedia);
    }
    let slot = byMedia.get(media);
    if (!slot) {
      slot = { free: new Set(), serving: new Set() };
      byMedia.set(media, slot);
    }
    return slot;
  }

  private put(agent: Agent, state: AgentState): void {
    agent.state = state;
    const id = state.agentId;
    const available = state.presence === 'available';
    if (available !== agent.available) {
      agent.available = available;
      for (const m of agent.memberships) {
        if (available) m.agents.serving.add(id);
        else m.agents.serving.delete(id);
      }
    }
    const mask = available ? freeMedia(agent.seat, state.work) : 0;
    const changed = mask ^ agent.freeMask;
    if (changed === 0) return;
    agent.freeMask = mask;
    for (const m of agent.memberships) {
      if ((changed & m.bit) === 0) continue;
      if ((mask & m.bit) !== 0) m.agents.free.add(id);
      else m.agents.free.delete(id);
    }
    // Any newly free media, even one of no queue of theirs: work may be waiting for them by name.
    if ((changed & mask) !== 0) this.freed.add(id);
  }
}
