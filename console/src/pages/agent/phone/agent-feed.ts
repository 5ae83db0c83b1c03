import type { Socket } from 'socket.io-client';
import type { Media } from '../../../types';
import { connectNamespace, emitWithAck } from '../../../realtime';
import type { OfferView } from './phone-state';

export interface AgentFeedHandlers {
  offer(offer: OfferView): void;
  offerCancelled(interactionId: string): void;
  ended(e: { interactionId: string; wrapUpSeconds: number }): void;
  monitored(e: { interactionId: string; mode: 'listen' | 'whisper' | 'barge' }): void;
}

const isCall = (media: Media): boolean => media === 'voice' || media === 'video';

/**
 * The softphone's own subscription to `/agent`: the screen-pop data for calls and the end of
 * calls (for wrap-up). Text interactions on the same stream belong to the chat desk.
 */
export class AgentFeed {
  private readonly socket: Socket;

  constructor(handlers: AgentFeedHandlers) {
    this.socket = connectNamespace('/agent');
    this.socket.on('offer', (offer: OfferView) => {
      if (isCall(offer.media)) handlers.offer(offer);
    });
    this.socket.on('offer:cancelled', (e: { interactionId: string }) => handlers.offerCancelled(e.interactionId));
    this.socket.on('call:monitored', (e: { interactionId: string; mode: 'listen' | 'whisper' | 'barge' }) => handlers.monitored(e));
    this.socket.on('interaction:ended', (e: { interactionId: string; media: Media; wrapUpSeconds: number }) => {
      if (isCall(e.media)) handlers.ended({ interactionId: e.interactionId, wrapUpSeconds: e.wrapUpSeconds });
    });
  }

  /** Ends wrap-up with the agent's disposition and notes; the server stores them on the call's record. */
  endWrapUp(interactionId: string, disposition: string, notes: string): Promise<unknown> {
    return emitWithAck(this.socket, 'wrapup:end', { interactionId, ...(disposition ? { disposition } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }

  close(): void {
    this.socket.disconnect();
  }
}
