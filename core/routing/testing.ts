import { ManualClock } from '../clock';
import type { RouterEvent } from './events';
import type { AgentSeatInput, QueueInput, RouterConfigInput } from './model';
import { Router } from './router';
import { ManualScheduler } from './scheduler';
import { MemoryStore, type RouterStore } from './store';

/** Test fixtures shared by the routing tests (deterministic clock, scheduler and store). */
export function queue(id: string, extra: Partial<QueueInput> = {}): QueueInput {
  return { id, name: id, media: ['voice', 'video', 'webim', 'wechat', 'sms', 'email'], ...extra };
}

export function seat(agentId: string, queues: string[], extra: Partial<AgentSeatInput> = {}): AgentSeatInput {
  return { agentId, queues, capacity: { voice: 1, video: 1, webim: 3, wechat: 3, sms: 3, email: 3 }, ...extra };
}

export interface Rig {
  router: Router;
  clock: ManualClock;
  scheduler: ManualScheduler;
  store: RouterStore;
  events: RouterEvent[];
}

export function rig(config: RouterConfigInput, store: RouterStore = new MemoryStore(), clock = new ManualClock()): Rig {
  const scheduler = new ManualScheduler(clock);
  const router = new Router({ clock, scheduler, store }, config);
  const events: RouterEvent[] = [];
  router.events.onAny((e) => events.push(e));
  return { router, clock, scheduler, store, events };
}

/** A second router over the same store, as after a crash: fresh timers, same clock. */
export async function restart(config: RouterConfigInput, store: RouterStore, clock: ManualClock): Promise<Rig> {
  const scheduler = new ManualScheduler(clock);
  const router = new Router({ clock, scheduler, store }, config);
  const events: RouterEvent[] = [];
  router.events.onAny((e) => events.push(e));
  await router.restore();
  return { router, clock, scheduler, store, events };
}

/** Agents the interaction is ringing at right now. */
export function ringingAt(router: Router, interactionId: string): string[] {
  return router
    .agentStates()
    .filter((a) => a.work.some((w) => w.interactionId === interactionId && (w.phase === 'ringing' || w.phase === 'reserved')))
    .map((a) => a.agentId)
    .sort();
}
