import type { ConversationView, MessageView } from '../../core/realtime/chat-events';
import { request } from './api';

// HTTP calls of the chat desk, live chats and the web-chat admin pages.

export interface CannedReply {
  id: number;
  shortcut: string;
  title: string;
  body: string;
}

export interface ContactCard {
  id: number;
  name: string;
  company: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  identities: Array<{ kind: string; value: string }>;
  history: Array<{ id: string; media: string; state: string; arrived_at: string | null; ended_at: string | null; disposition: string | null; csat_score: number | null }>;
  tickets: Array<{ id: number; subject: string; status: string }>;
}

export interface Article {
  id: number;
  title: string;
  body: string;
  tags: string[];
  locale: 'zh-CN' | 'en';
  published: boolean;
  updatedAt: string | null;
}

export interface SiteConfig {
  id: number;
  name: string;
  token: string;
  secret: string;
  allowedOrigins: string[];
  queueId: number | null;
  businessHoursId: number | null;
  requireIdentity: boolean;
  botEnabled: boolean;
  preChatFields: Array<{ name: 'name' | 'phone' | 'email' | 'question'; required: boolean }>;
  greeting: { 'zh-CN': string; en: string };
  active: boolean;
}

export type SiteInput = Omit<SiteConfig, 'id' | 'token' | 'secret'>;
export type ArticleInput = Omit<Article, 'id' | 'updatedAt'>;

export interface TransferTargets {
  queues: Array<{ id: string; name: string; waiting: number }>;
  /** Signed-in colleagues who take chats; a busy one gets the chat when a slot frees (or it goes to the queue). */
  agents: Array<{ id: string; name: string; presence: 'available' | 'not_ready'; chats: number }>;
}

const enc = encodeURIComponent;

export const webimApi = {
  canned: {
    list: () => request<CannedReply[]>('GET', '/api/canned'),
    create: (input: Omit<CannedReply, 'id'>) => request<CannedReply>('POST', '/api/canned', input),
    remove: (id: number) => request<void>('DELETE', `/api/canned/${id}`),
  },
  contact: (id: number) => request<ContactCard>('GET', `/api/contacts/${id}`),
  conversation: (id: string) => request<{ conversation: ConversationView; messages: MessageView[] }>('GET', `/api/conversations/${enc(id)}`),
  ticket: (id: string) => request<{ id: number }>('POST', `/api/conversations/${enc(id)}/ticket`, {}),
  targets: () => request<TransferTargets>('GET', '/api/webim/transfer-targets'),
  async upload(conversationId: string, file: File): Promise<{ id: string }> {
    const res = await fetch(`/api/conversations/${enc(conversationId)}/attachments?name=${enc(file.name)}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file });
    if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? String(res.status));
    return (await res.json()) as { id: string };
  },
  kb: {
    list: () => request<Article[]>('GET', '/api/kb/admin/articles'),
    create: (input: ArticleInput) => request<Article>('POST', '/api/kb/admin/articles', input),
    update: (id: number, input: Partial<ArticleInput>) => request<Article>('PATCH', `/api/kb/admin/articles/${id}`, input),
    remove: (id: number) => request<void>('DELETE', `/api/kb/admin/articles/${id}`),
  },
  sites: {
    list: () => request<SiteConfig[]>('GET', '/api/webim/sites'),
    create: (input: SiteInput) => request<SiteConfig>('POST', '/api/webim/sites', input),
    update: (id: number, input: Partial<SiteInput>) => request<SiteConfig>('PATCH', `/api/webim/sites/${id}`, input),
    remove: (id: number) => request<void>('DELETE', `/api/webim/sites/${id}`),
  },
  queues: () => request<Array<{ id: string; name: string; media: string[] }>>('GET', '/api/queues'),
};
