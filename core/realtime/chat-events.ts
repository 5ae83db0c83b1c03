import { z } from 'zod';
import type { Media } from '../media';
import type { Ack } from './events';

// What the widget, the agent desk and the server say to each other about text conversations.
// Every client payload has a zod schema: the server validates each event before acting on it,
// and the console and widget import the inferred types.

export const senderTypes = ['customer', 'agent', 'bot', 'system', 'note'] as const;
export type SenderType = (typeof senderTypes)[number];
export type ContentType = 'text' | 'image' | 'file' | 'articles';
export type ConversationState = 'bot' | 'queued' | 'offered' | 'active' | 'ended';

export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

export interface ArticleLink {
  id: number;
  title: string;
  excerpt: string;
}

export interface MessageView {
  conversationId: string;
  id: string;
  seq: number;
  clientId: string | null;
  senderType: SenderType;
  senderId: string | null;
  senderName: string | null;
  contentType: ContentType;
  /** Text, or for 'articles' a JSON array of ArticleLink. */
  body: string;
  attachment: AttachmentView | null;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface ConversationView {
  id: string;
  media: Media;
  state: ConversationState;
  queueId: string | null;
  queueName: string | null;
  agentId: string | null;
  agentName: string | null;
  contactId: number | null;
  customerName: string;
  subject: string | null;
  siteName: string | null;
  arrivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Why it ended without an agent: closed (business hours), max_wait, join_refused... */
  exitReason: string | null;
  csatScore: number | null;
  /** Waiting customers only: 1-based place in line and the estimate in seconds. */
  position: number | null;
  estimatedWaitSeconds: number | null;
  /** Highest seq the other side has read (customer: agent's reads; staff: customer's reads). */
  readSeq: number;
  /** Staff only: the agent invited a supervisor, who may now write to the customer too. */
  invited: boolean;
}

/** What the widget may know about its site: no secret, no origins list. */
export interface PublicSite {
  name: string;
  preChatFields: Array<{ name: 'name' | 'phone' | 'email' | 'question'; required: boolean }>;
  greeting: { 'zh-CN': string; en: string };
  requireIdentity: boolean;
  botEnabled: boolean;
  /** Within business hours now. */
  open: boolean;
}

const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId: 8-64 characters [A-Za-z0-9_-]');
const conversationId = z.string().uuid();
const text = z.string().trim().min(1).max(5000);
const seq = z.number().int().min(0);

export const widgetAuthSchema = z.object({
  site: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/),
  visitor: z.string().max(64).optional(),
  userId: z.string().min(1).max(128).optional(),
  userHash: z.string().regex(/^[0-9a-f]{64}$/i).optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  /** The chat this widget last showed: after a reconnect it is shown again even if it ended meanwhile (to rate it). */
  conversation: z.string().min(1).max(64).optional(),
});
export type WidgetAuth = z.infer<typeof widgetAuthSchema>;

export const preChatSchema = z.object({
  name: z.string().trim().max(128).optional(),
  phone: z.string().trim().max(64).optional(),
  email: z.string().trim().max(255).optional(),
  question: z.string().trim().max(2000).optional(),
});

export const widgetPayloads = {
  'chat:start': z.object({ fields: preChatSchema, locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
  'message:send': z.union([z.object({ clientId, text }), z.object({ clientId, attachmentId: z.string().uuid() })]),
  typing: z.object({ typing: z.boolean() }),
  'message:read': z.object({ seq }),
  sync: z.object({ since: seq.default(0) }),
  'chat:handoff': z.object({}),
  'chat:close': z.object({}),
  'chat:rate': z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).default('') }),
} as const;

export const chatPayloads = {
  'chat:history': z.object({ conversationId, since: seq.default(0) }),
  'chat:send': z.union([z.object({ conversationId, clientId, text }), z.object({ conversationId, clientId, attachmentId: z.string().uuid() })]),
  'chat:note': z.object({ conversationId, clientId, text }),
  'chat:typing': z.object({ conversationId, typing: z.boolean() }),
  'chat:read': z.object({ conversationId, seq }),
  'chat:transfer': z
    .object({ conversationId, queueId: z.string().min(1).max(16).optional(), agentId: z.string().min(1).max(16).optional(), note: z.string().trim().max(1000).default('') })
    .refine((p) => Boolean(p.queueId) !== Boolean(p.agentId), { message: 'give either queueId or agentId' }),
  'chat:invite': z.object({ conversationId, note: z.string().trim().max(1000).default('') }),
  'chat:close': z.object({ conversationId, disposition: z.string().trim().max(64).optional(), resolved: z.boolean().default(true), notes: z.string().max(5000).optional() }),
  'chat:watch': z.object({ conversationId }),
  'chat:live': z.object({}),
} as const;

type In<S extends z.ZodType> = z.input<S>;
type W = typeof widgetPayloads;
type C = typeof chatPayloads;

export interface WidgetSession {
  visitorToken: string;
  conversation: ConversationView | null;
}

export interface WidgetServerEvents {
  session: (s: WidgetSession) => void;
  message: (m: MessageView) => void;
  conversation: (c: ConversationView) => void;
  typing: (e: { typing: boolean }) => void;
  receipt: (e: { readSeq: number }) => void;
}

export interface WidgetClientEvents {
  'chat:start': (p: In<W['chat:start']>, ack: Ack<ConversationView>) => void;
  'message:send': (p: In<W['message:send']>, ack: Ack<MessageView>) => void;
  typing: (p: In<W['typing']>) => void;
  'message:read': (p: In<W['message:read']>, ack: Ack) => void;
  sync: (p: In<W['sync']>, ack: Ack<{ conversation: ConversationView | null; messages: MessageView[] }>) => void;
  'chat:handoff': (p: In<W['chat:handoff']>, ack: Ack<ConversationView>) => void;
  'chat:close': (p: In<W['chat:close']>, ack: Ack<ConversationView>) => void;
  'chat:rate': (p: In<W['chat:rate']>, ack: Ack) => void;
}

export interface ChatServerEvents {
  'chat:assigned': (e: { conversation: ConversationView; messages: MessageView[] }) => void;
  'chat:message': (m: MessageView) => void;
  'chat:updated': (c: ConversationView) => void;
  'chat:typing': (e: { conversationId: string; typing: boolean }) => void;
  'chat:receipt': (e: { conversationId: string; readSeq: number }) => void;
  'chat:invited': (e: { conversation: ConversationView; by: string; note: string }) => void;
}

export interface ChatClientEvents {
  'chat:history': (p: In<C['chat:history']>, ack: Ack<{ conversation: ConversationView; messages: MessageView[] }>) => void;
  'chat:send': (p: In<C['chat:send']>, ack: Ack<MessageView>) => void;
  'chat:note': (p: In<C['chat:note']>, ack: Ack<MessageView>) => void;
  'chat:typing': (p: In<C['chat:typing']>) => void;
  'chat:read': (p: In<C['chat:read']>, ack: Ack) => void;
  'chat:transfer': (p: In<C['chat:transfer']>, ack: Ack<ConversationView>) => void;
  'chat:invite': (p: In<C['chat:invite']>, ack: Ack) => void;
  'chat:close': (p: In<C['chat:close']>, ack: Ack<ConversationView>) => void;
  'chat:watch': (p: In<C['chat:watch']>, ack: Ack<{ conversation: ConversationView; messages: MessageView[] }>) => void;
  'chat:live': (p: In<C['chat:live']>, ack: Ack<ConversationView[]>) => void;
}
