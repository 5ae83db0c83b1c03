import type { AgentState } from '../agents/presence';
import type { Media } from '../media';
import type { QueueStats } from '../routing/stats';

/** What the console shows when an interaction rings an agent: enough for a screen-pop. */
export interface OfferView {
  interactionId: string;
  media: Media;
  queueId: string;
  queueName: string;
  from: string | null;
  contact: { id: number; name: string; phone: string | null; tags: string[] } | null;
  /** IVR nodes passed and digits pressed, for voice. */
  ivrPath: Array<{ node: string; digits?: string }>;
  waitedSeconds: number;
  expiresAt: number | null;
}

export interface AgentView extends AgentState {
  displayName: string;
  extension: string;
  registered: boolean;
}

export type Ack<T = unknown> = (reply: { ok: true; data?: T } | { ok: false; error: { code: string; message: string } }) => void;

/** socket.io event maps shared by the server and the console (the console imports them as types). */
export interface AgentServerEvents {
  'agent:state': (state: AgentView) => void;
  offer: (offer: OfferView) => void;
  'offer:cancelled': (e: { interactionId: string; reason: string }) => void;
  'interaction:accepted': (e: { interactionId: string; media: Media }) => void;
  'interaction:ended': (e: { interactionId: string; media: Media; wrapUpSeconds: number }) => void;
  /** Sent only where the queue's policy lets agents know they are monitored. */
  'call:monitored': (e: { interactionId: string; mode: 'listen' | 'whisper' | 'barge' }) => void;
}

export interface AgentClientEvents {
  'presence:set': (p: { presence: 'available' | 'not_ready' | 'offline'; reason?: string }, ack: Ack<AgentView>) => void;
  'offer:accept': (p: { interactionId: string }, ack: Ack) => void;
  'offer:reject': (p: { interactionId: string }, ack: Ack) => void;
  'wrapup:end': (p: { interactionId: string; disposition?: string; notes?: string }, ack: Ack) => void;
  'queue:pick': (p: { interactionId: string }, ack: Ack) => void;
}

export interface WallboardSnapshot {
  queues: Array<QueueStats & { name: string; media: Media[] }>;
  agents: AgentView[];
  at: number;
}

export interface SupervisorServerEvents {
  'wallboard:snapshot': (s: WallboardSnapshot) => void;
  'wallboard:queue': (q: QueueStats & { name: string; media: Media[] }) => void;
  'wallboard:agent': (a: AgentView) => void;
}

export interface SupervisorClientEvents {
  'agent:set-presence': (p: { agentId: string; presence: 'available' | 'not_ready' | 'offline'; reason?: string }, ack: Ack<AgentView>) => void;
}
export * from './chat-events';
