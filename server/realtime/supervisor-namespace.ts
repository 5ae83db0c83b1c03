import type { Namespace } from 'socket.io';
import type { RoutingHub } from '../routing/routing-hub';
import type { RealtimeGateway } from './gateway';

/**
 * `/supervisor`: the wallboard. A snapshot on connect, then queue figures as they change
 * (coalesced, at most every 500 ms per queue) and every agent state change as it happens.
 */
export function supervisorNamespace(gateway: RealtimeGateway, hub: RoutingHub, clock: { now(): number }): { nsp: Namespace; stop(): void } {
  const nsp = gateway.staffNamespace('/supervisor', ['supervisor']);
  const dirty = new Set<string>();

  hub.router.events.onAny((e) => {
    if (e.type === 'agent_state') {
      nsp.emit('wallboard:agent', hub.agentView(e.state));
      return;
    }
    dirty.add(e.interaction.queueId);
    if (e.type === 'overflowed') dirty.add(e.fromQueueId);
  });

  let ticks = 0;
  const timer = setInterval(() => {
    // Waiting times grow without events, so every queue is re-sent every 5 s as well.
    const all = ++ticks % 10 === 0;
    for (const q of all ? hub.queueViews() : [...dirty].map((id) => hub.queueView(id))) nsp.emit('wallboard:queue', q);
    dirty.clear();
  }, 500);
  timer.unref();

  nsp.on('connection', (socket) => {
    socket.emit('wallboard:snapshot', { queues: hub.queueViews(), agents: hub.agentViews(), at: clock.now() });
    gateway.handle<{ agentId: string; presence: 'available' | 'not_ready' | 'offline'; reason?: string }>(socket, 'agent:set-presence', ['supervisor'], (p) => {
      const id = String(p?.agentId);
      if (p?.presence === 'offline') return hub.agentView(hub.router.logout(id));
      if (p?.presence === 'available') return hub.agentView(hub.router.setAvailable(id));
      return hub.agentView(hub.router.setNotReady(id, p?.reason ?? 'supervisor'));
    });
  });
  return { nsp, stop: () => clearInterval(timer) };
}
