import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { Conflict, Forbidden, NotFound } from '../../core/errors';
import type { OfferView } from '../../core/realtime/events';
import { isCall } from '../../core/routing/model';
import type { RoutingHub } from '../routing/routing-hub';
import type { RealtimeGateway, StaffSocketData } from './gateway';

/** How long an agent may be disconnected (a reload, a flaky network) before being logged out. */
const graceMs = 60_000;

/**
 * `/agent`: each signed-in agent's own stream of state and offers, and their presence and offer
 * actions. Voice and video offers are accepted by answering the softphone, not from here.
 */
export function agentNamespace(gateway: RealtimeGateway, hub: RoutingHub, log: Logger, hooks: { wrapUp?: (interactionId: string, data: { disposition?: string; notes?: string }, userId: number) => Promise<void> }): Namespace {
  const nsp = gateway.staffNamespace('/agent', ['agent']);
  const room = (agentId: string) => `agent:${agentId}`;
  const logoutTimers = new Map<string, NodeJS.Timeout>();

  /** Offers ringing at each agent, shown again to a console that (re)connects while they ring. */
  const ringing = new Map<string, Map<string, OfferView>>();
  const settle = (agentId: string, interactionId: string) => {
    const mine = ringing.get(agentId);
    mine?.delete(interactionId);
    if (mine?.size === 0) ringing.delete(agentId);
  };

  hub.router.events.on('agent_state', (e) => nsp.to(room(e.agentId)).emit('agent:state', hub.agentView(e.state)));
  hub.router.events.on('offered', (e) => {
    const queue = hub.queue(e.interaction.queueId);
    const offer = hub.offerView(e.interaction.id, queue ? e.at + queue.offerTimeoutSeconds * 1000 : null);
    if (!offer) return;
    ringing.set(e.agentId, (ringing.get(e.agentId) ?? new Map<string, OfferView>()).set(offer.interactionId, offer));
    nsp.to(room(e.agentId)).emit('offer', offer);
  });
  hub.router.events.on('offer_cancelled', (e) => {
    settle(e.agentId, e.interaction.id);
    nsp.to(room(e.agentId)).emit('offer:cancelled', { interactionId: e.interaction.id, reason: e.reason });
  });
  for (const type of ['timed_out', 'rejected'] as const) {
    hub.router.events.on(type, (e) => {
      settle(e.agentId, e.interaction.id);
      nsp.to(room(e.agentId)).emit('offer:cancelled', { interactionId: e.interaction.id, reason: type });
    });
  }
  hub.router.events.on('accepted', (e) => {
    settle(e.agentId, e.interaction.id);
    nsp.to(room(e.agentId)).emit('interaction:accepted', { interactionId: e.interaction.id, media: e.interaction.media });
  });
  hub.router.events.on('ended', (e) => {
    if (!e.agentId) return;
    const wrapUpSeconds = hub.queue(e.interaction.queueId)?.wrapUpSeconds ?? 0;
    nsp.to(room(e.agentId)).emit('interaction:ended', { interactionId: e.interaction.id, media: e.interaction.media, wrapUpSeconds });
  });

  const agentOf = (socket: Socket): string => {
    const agentId = hub.agentIdForUser((socket.data as StaffSocketData).user.id);
    if (!agentId) throw new NotFound('you have no agent profile');
    return agentId;
  };

  nsp.on('connection', (socket) => {
    const user = (socket.data as StaffSocketData).user;
    const agentId = hub.agentIdForUser(user.id);
    if (agentId) {
      void socket.join(room(agentId));
      clearTimeout(logoutTimers.get(agentId));
      logoutTimers.delete(agentId);
      const state = hub.router.agentStates().find((s) => s.agentId === agentId);
      if (state) socket.emit('agent:state', hub.agentView(state));
      for (const offer of ringing.get(agentId)?.values() ?? []) socket.emit('offer', offer);
    }

    gateway.handle<{ presence: 'available' | 'not_ready' | 'offline'; reason?: string }>(socket, 'presence:set', ['agent'], (p) => {
      const id = agentOf(socket);
      const current = hub.router.agentStates().find((s) => s.agentId === id);
      if (p.presence === 'offline') return hub.agentView(hub.router.logout(id));
      if (current?.presence === 'offline') hub.router.login(id);
      if (p.presence === 'available') return hub.agentView(hub.router.setAvailable(id));
      return hub.agentView(hub.router.setNotReady(id, p.reason ?? 'break'));
    });
    gateway.handle<{ interactionId: string }>(socket, 'offer:accept', ['agent'], (p) => {
      const id = agentOf(socket);
      const rec = hub.router.interaction(String(p?.interactionId));
      if (!rec) throw new NotFound('no such interaction');
      if (isCall(rec.media)) throw new Conflict('answer calls on your softphone');
      return hub.router.accept(id, rec.id);
    });
    gateway.handle<{ interactionId: string }>(socket, 'offer:reject', ['agent'], (p) => {
      hub.router.reject(agentOf(socket), String(p?.interactionId));
    });
    gateway.handle<{ interactionId: string; disposition?: string; notes?: string }>(socket, 'wrapup:end', ['agent'], async (p) => {
      const id = agentOf(socket);
      await hooks.wrapUp?.(String(p?.interactionId), { ...(p?.disposition ? { disposition: String(p.disposition).slice(0, 64) } : {}), ...(p?.notes ? { notes: String(p.notes).slice(0, 5000) } : {}) }, user.id);
      return hub.router.endWrapUp(id, String(p?.interactionId));
    });
    gateway.handle<{ interactionId: string }>(socket, 'queue:pick', ['agent'], (p) => {
      const rec = hub.router.interaction(String(p?.interactionId));
      const queue = rec ? hub.queue(rec.queueId) : undefined;
      if (!rec || !queue) throw new NotFound('no such interaction');
      if (!queue.allowManualPick) throw new Forbidden('this queue does not allow picking');
      return hub.router.pick(agentOf(socket), rec.id);
    });

    socket.on('disconnect', () => {
      if (!agentId) return;
      void nsp
        .in(room(agentId))
        .fetchSockets()
        .then((left) => {
          if (left.length > 0) return;
          logoutTimers.set(
            agentId,
            setTimeout(() => {
              logoutTimers.delete(agentId);
              try {
                hub.router.logout(agentId);
              } catch (err) {
                // Still holding a call or chat: keep them signed in, but stop new work.
                log.info({ agentId, err: (err as Error).message }, 'agent disconnected while busy; setting not ready');
                try {
                  hub.router.setNotReady(agentId, 'disconnected');
                } catch {
                  /* already not ready or offline */
                }
              }
            }, graceMs),
          );
        })
        .catch((err: unknown) => log.warn({ err }, 'could not check agent sockets'));
    });
  });
  return nsp;
}
