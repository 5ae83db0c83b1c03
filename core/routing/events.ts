import type { AgentState } from '../agents/presence';
import type { InteractionRecord, OverflowAction } from './model';

export type ExitReason = 'callback' | 'voicemail' | 'ticket' | 'max_wait' | 'queue_empty' | 'join_refused';
export type CancelReason = 'answered_elsewhere' | 'withdrawn' | 'abandoned' | 'restart';

interface About<T extends string> {
  readonly type: T;
  /** epoch ms, UTC */
  readonly at: number;
  /** The interaction as it is after this event. */
  readonly interaction: InteractionRecord;
}

/**
 * Everything the router decides, in order. The store persists it, reports read it, the server pushes it.
 * Terminal events (ended, abandoned, exited) remove the interaction from the router.
 */
export type InteractionEvent =
  | About<'created'>
  | About<'queued'>
  | (About<'offered'> & { readonly agentId: string })
  | (About<'accepted'> & { readonly agentId: string })
  | (About<'rejected'> & { readonly agentId: string })
  | (About<'timed_out'> & { readonly agentId: string })
  | (About<'offer_cancelled'> & { readonly agentId: string; readonly reason: CancelReason })
  | (About<'overflowed'> & { readonly action: 'widen_skills' | 'move_queue'; readonly fromQueueId: string })
  | (About<'exited'> & { readonly reason: ExitReason })
  | About<'abandoned'>
  | (About<'ended'> & { readonly agentId: string });

export interface AgentStateEvent {
  readonly type: 'agent_state';
  readonly at: number;
  readonly agentId: string;
  readonly state: AgentState;
}

export type RouterEvent = InteractionEvent | AgentStateEvent;
export type RouterEventType = RouterEvent['type'];
export type RouterEventOf<T extends RouterEventType> = Extract<RouterEvent, { type: T }>;

export const TERMINAL: ReadonlySet<RouterEventType> = new Set(['ended', 'abandoned', 'exited']);

export function overflowReason(action: OverflowAction): ExitReason | null {
  return action === 'callback' || action === 'voicemail' || action === 'ticket' ? action : null;
}

type Listener = (event: RouterEvent) => void;

/** A small typed listener list; the server forwards these to socket.io rooms. */
export class RouterEvents {
  private readonly byType = new Map<RouterEventType, Set<Listener>>();
  private readonly any = new Set<Listener>();

  on<T extends RouterEventType>(type: T, fn: (event: RouterEventOf<T>) => void): () => void {
    const set = this.byType.get(type) ?? new Set<Listener>();
    this.byType.set(type, set);
    const listener = fn as Listener;
    set.add(listener);
    return () => set.delete(listener);
  }

  onAny(fn: Listener): () => void {
    this.any.add(fn);
    return () => this.any.delete(fn);
  }

  emit(event: RouterEvent): void {
    const set = this.byType.get(event.type);
    if (set) for (const fn of set) fn(event);
    for (const fn of this.any) fn(event);
  }
}
