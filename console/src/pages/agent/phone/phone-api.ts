import { request } from '../../../api';

/** GET /api/agents/me/sip: what the softphone registers with (the HA1, never the password). */
export interface SipAccount {
  extension: string;
  realm: string;
  ha1: string;
  wsPath: string;
  /** Set when SIP over WebSocket is elsewhere (drachtio-server's WSS); else this origin + wsPath. */
  wsUrl: string | null;
  domain: string;
}

export interface Disposition {
  id: number;
  code: string;
  label_zh: string;
  label_en: string;
}

export interface QueueInfo {
  id: string;
  name: string;
  recordingPolicy: 'always' | 'on_demand' | 'never';
  media: string[];
}

export type TransferTarget = { kind: 'extension' | 'number'; value: string };
/** A blind transfer may also hand the caller to another queue (by name). */
export type BlindTarget = TransferTarget | { kind: 'queue'; value: string };

const call = (interactionId: string, action: string) => `/api/calls/${encodeURIComponent(interactionId)}/${action}`;

/** The REST side of the softphone: call control acts on the ACD's call, not on the SIP session. */
export const phoneApi = {
  sipAccount: () => request<SipAccount>('GET', '/api/agents/me/sip'),
  dispositions: () => request<Disposition[]>('GET', '/api/dispositions'),
  queues: () => request<QueueInfo[]>('GET', '/api/queues'),
  hold: (interactionId: string, hold: boolean) => request<void>('POST', call(interactionId, 'hold'), { hold }),
  recording: (interactionId: string, action: 'start' | 'pause' | 'resume') => request<void>('POST', call(interactionId, 'recording'), { action }),
  transfer: (interactionId: string, target: BlindTarget) => request<void>('POST', call(interactionId, 'transfer'), target),
  conference: (interactionId: string, target: TransferTarget) => request<void>('POST', call(interactionId, 'conference'), target),
  hangup: (interactionId: string) => request<void>('POST', call(interactionId, 'hangup')),
};
