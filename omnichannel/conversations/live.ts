import type { Media } from '../../core/media';
import type { ConversationState, ConversationView } from '../../core/realtime/chat-events';

/** What the service keeps in memory about a conversation that has not ended. */
export interface LiveConversation {
  id: string;
  media: Media;
  state: ConversationState;
  siteId: number | null;
  siteName: string | null;
  queueId: string | null;
  agentId: string | null;
  contactId: number | null;
  customerName: string;
  subject: string | null;
  locale: 'zh-CN' | 'en';
  arrivedAt: number;
  answeredAt: number | null;
  firstResponseAt: number | null;
  endedAt: number | null;
  exitReason: string | null;
  csatScore: number | null;
  /** Next seq to hand out; seqs are dense per conversation, starting at 1. */
  nextSeq: number;
  /** clientId -> seq of messages already stored: a resend is answered from here. */
  clientIds: Map<string, number>;
  /** Highest seq the customer has read / the staff have read. */
  customerReadSeq: number;
  staffReadSeq: number;
  /** Staff user ids invited into the conversation (supervisors), besides the assigned agent. */
  participants: Set<number>;
  /** A supervisor was invited: supervisors may then write to the customer too. */
  invited: boolean;
  selfService: boolean;
  businessHoursId: number | null;
}

/** Allowed state changes; anything else is a bug in the caller or a stale event. */
const next: Record<ConversationState, readonly ConversationState[]> = {
  bot: ['queued', 'offered', 'active', 'ended'],
  queued: ['offered', 'active', 'ended', 'queued'],
  offered: ['queued', 'offered', 'active', 'ended'],
  active: ['queued', 'offered', 'ended'],
  ended: [],
};

export function canMove(from: ConversationState, to: ConversationState): boolean {
  return next[from].includes(to);
}

export function toView(
  c: LiveConversation,
  names: { queue(id: string): string | null; agent(id: string): string | null },
  wait: { position: number | null; estimatedWaitSeconds: number | null },
  side: 'customer' | 'staff',
): ConversationView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: c.id,
    media: c.media,
    state: c.state,
    queueId: c.queueId,
    queueName: c.queueId ? names.queue(c.queueId) : null,
    agentId: c.agentId,
    agentName: c.agentId ? names.agent(c.agentId) : null,
    contactId: side === 'staff' ? c.contactId : null,
    customerName: c.customerName,
    subject: c.subject,
    siteName: c.siteName,
    arrivedAt: new Date(c.arrivedAt).toISOString(),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
    exitReason: c.exitReason,
    csatScore: c.csatScore,
    position: wait.position,
    estimatedWaitSeconds: wait.estimatedWaitSeconds,
    readSeq: side === 'customer' ? c.staffReadSeq : c.customerReadSeq,
    invited: side === 'staff' && c.invited,
  };
}
