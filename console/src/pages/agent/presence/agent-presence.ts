import type { Socket } from 'socket.io-client';
import type { AgentView, OfferView } from '../../../../../core/realtime/events';
import { connectNamespace, emitWithAck } from '../../../realtime';
import { createStore, type Store } from '../../../store';
import { tabScoped } from '../tab-scoped';

export interface PresenceState {
  connected: boolean;
  agent: AgentView | null;
  /** Text offers ringing at this agent; calls are answered on the softphone. */
  offers: OfferView[];
  error: string | null;
}

const isCall = (o: { media: string }) => o.media === 'voice' || o.media === 'video';

const instance = tabScoped(
  () => new AgentPresence(),
  (p) => p.close(),
);

/** This tab's presence stream: it stays connected while the agent works on other pages. */
export function agentPresence(): AgentPresence {
  return instance.get();
}

export function runningPresence(): AgentPresence | undefined {
  return instance.peek();
}

/** The agent's `/agent` stream for presence and chat offers (one per tab: `agentPresence()`). */
export class AgentPresence {
  readonly store: Store<PresenceState> = createStore<PresenceState>({ connected: false, agent: null, offers: [], error: null });
  private readonly socket: Socket;

  constructor() {
    this.socket = connectNamespace('/agent');
    this.socket.on('connect', () => this.patch({ connected: true }));
    this.socket.on('disconnect', () => this.patch({ connected: false }));
    this.socket.on('agent:state', (agent: AgentView) => this.patch({ agent }));
    this.socket.on('offer', (offer: OfferView) => {
      if (!isCall(offer) && !this.store.get().offers.some((o) => o.interactionId === offer.interactionId)) this.patch({ offers: [...this.store.get().offers, offer] });
    });
    const drop = (e: { interactionId: string }) => this.patch({ offers: this.store.get().offers.filter((o) => o.interactionId !== e.interactionId) });
    this.socket.on('offer:cancelled', drop);
    this.socket.on('interaction:accepted', drop);
  }

  async set(presence: 'available' | 'not_ready' | 'offline', reason?: string): Promise<void> {
    try {
      const agent = await emitWithAck<AgentView>(this.socket, 'presence:set', { presence, ...(reason ? { reason } : {}) });
      this.patch({ agent, error: null });
    } catch (err) {
      this.patch({ error: (err as Error).message });
    }
  }

  async accept(interactionId: string): Promise<void> {
    await this.answer('offer:accept', interactionId);
  }

  async reject(interactionId: string): Promise<void> {
    await this.answer('offer:reject', interactionId);
  }

  close(): void {
    this.socket.disconnect();
  }

  private async answer(event: 'offer:accept' | 'offer:reject', interactionId: string): Promise<void> {
    try {
      await emitWithAck(this.socket, event, { interactionId });
      this.patch({ error: null, offers: this.store.get().offers.filter((o) => o.interactionId !== interactionId) });
    } catch (err) {
      this.patch({ error: (err as Error).message, offers: this.store.get().offers.filter((o) => o.interactionId !== interactionId) });
    }
  }

  private patch(p: Partial<PresenceState>): void {
    this.store.set({ ...this.store.get(), ...p });
  }
}
