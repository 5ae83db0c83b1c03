import { io, type Socket } from 'socket.io-client';
import type { ConversationView, MessageView, PublicSite } from '../../core/realtime/chat-events';
import type { WidgetLocale } from './i18n';

type Reply<T> = { ok: true; data?: T } | { ok: false; error: { code: string; message: string } };

/** A message the customer wrote that the server has not acknowledged yet. */
export interface Outgoing {
  clientId: string;
  text?: string;
  attachmentId?: string;
  filename?: string;
  status: 'sending' | 'failed';
}

export interface WidgetState {
  connection: 'connecting' | 'online' | 'offline' | 'refused';
  refusal: string | null;
  site: PublicSite | null;
  conversation: ConversationView | null;
  messages: MessageView[];
  outbox: Outgoing[];
  agentTyping: boolean;
}

export interface WidgetConfig {
  base: string;
  site: string;
  locale: WidgetLocale;
  userId?: string;
  userHash?: string;
}

const fatal = new Set(['invalid_site', 'invalid_handshake', 'origin_not_allowed', 'bad_identity_hash', 'identity_required']);

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A year: a returning customer finds their conversation (and its history) again. */
const VISITOR_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The widget's connection and data. The visitor token lives in a first-party cookie of the host
 * page (so the host's other pages and tabs share it, and clearing the site's cookies forgets the
 * visitor); the outbox in localStorage, so a message typed while offline survives a reload (each
 * carries a clientId, so sending it twice is safe).
 */
export class WidgetClient {
  state: WidgetState = { connection: 'connecting', refusal: null, site: null, conversation: null, messages: [], outbox: [], agentTyping: false };
  private socket: Socket | undefined;
  private readonly listeners = new Set<() => void>();
  private inflight = new Set<string>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private readonly key: string;

  constructor(readonly config: WidgetConfig) {
    this.key = `cc.webim.${config.site}`;
    this.state.outbox = this.load<Outgoing[]>('outbox', []).map((o) => ({ ...o, status: 'sending' as const }));
  }

  get visitorToken(): string | null {
    const name = `${this.cookieName}=`;
    const found = document.cookie.split('; ').find((c) => c.startsWith(name));
    return found ? decodeURIComponent(found.slice(name.length)) : null;
  }

  private get cookieName(): string {
    return `cc_webim_${this.config.site.replace(/[^A-Za-z0-9_-]/g, '')}`;
  }

  private saveVisitor(token: string): void {
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${this.cookieName}=${encodeURIComponent(token)}; Path=/; Max-Age=${VISITOR_COOKIE_SECONDS}; SameSite=Lax${secure}`;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async start(): Promise<void> {
    try {
      const res = await fetch(`${this.config.base}/api/webim/public/${encodeURIComponent(this.config.site)}/config`);
      if (!res.ok) return this.set({ connection: 'refused', refusal: 'invalid_site' });
      this.set({ site: (await res.json()) as PublicSite });
    } catch {
      this.set({ connection: 'offline' });
    }
    const socket = io(`${this.config.base}/widget`, {
      transports: ['websocket'],
      // A function, so every reconnection presents the newest visitor token and the chat on screen.
      auth: (cb) => {
        const shown = this.state.conversation?.id;
        cb({ site: this.config.site, locale: this.config.locale, ...(this.visitorToken ? { visitor: this.visitorToken } : {}), ...(shown ? { conversation: shown } : {}), ...(this.config.userId ? { userId: this.config.userId, userHash: this.config.userHash ?? '' } : {}) });
      },
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.set({ connection: 'online' });
      this.flush();
    });
    socket.on('disconnect', () => this.set({ connection: 'offline' }));
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code ?? '';
      if (fatal.has(code)) {
        socket.disconnect();
        this.set({ connection: 'refused', refusal: code });
      } else this.set({ connection: 'offline' });
    });
    // Sent on every (re)connection; nothing sent while the socket was away is replayed, so catch up by seq.
    socket.on('session', (s: { visitorToken: string; conversation: ConversationView | null }) => {
      this.saveVisitor(s.visitorToken);
      this.set({ conversation: s.conversation });
      if (s.conversation) void this.sync();
    });
    socket.on('message', (m: MessageView, ack?: () => void) => {
      if (typeof ack === 'function') ack();
      this.merge([m]);
    });
    socket.on('conversation', (c: ConversationView) => this.set({ conversation: c, ...(c.state === 'ended' ? { agentTyping: false } : {}) }));
    socket.on('typing', (e: { typing: boolean }) => this.set({ agentTyping: e.typing }));
    socket.on('receipt', (e: { readSeq: number }) => {
      if (this.state.conversation) this.set({ conversation: { ...this.state.conversation, readSeq: Math.max(this.state.conversation.readSeq, e.readSeq) } });
    });
  }

  stop(): void {
    this.socket?.disconnect();
  }

  async startChat(fields: Record<string, string>): Promise<Reply<ConversationView>> {
    this.set({ messages: [] });
    const reply = await this.ask<ConversationView>('chat:start', { fields, locale: this.config.locale });
    if (reply.ok && reply.data) {
      this.set({ conversation: reply.data });
      await this.sync();
    }
    return reply;
  }

  send(text: string): void {
    this.queue({ clientId: randomId(), text, status: 'sending' });
    this.typing(false);
  }

  async sendFile(file: File): Promise<string | null> {
    const res = await fetch(`${this.config.base}/api/webim/public/${encodeURIComponent(this.config.site)}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-visitor-token': this.visitorToken ?? '' },
      body: file,
    });
    if (!res.ok) return ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code ?? 'failed';
    const a = (await res.json()) as { id: string };
    this.queue({ clientId: randomId(), attachmentId: a.id, filename: file.name, status: 'sending' });
    return null;
  }

  retry(clientId: string): void {
    this.set({ outbox: this.state.outbox.map((o) => (o.clientId === clientId ? { ...o, status: 'sending' } : o)) });
    this.flush();
  }

  handoff(): Promise<Reply<ConversationView>> {
    return this.ask('chat:handoff', {});
  }

  async end(): Promise<void> {
    const reply = await this.ask<ConversationView>('chat:close', {});
    if (reply.ok && reply.data) this.set({ conversation: reply.data });
  }

  rate(score: number, comment: string): Promise<Reply<unknown>> {
    return this.ask('chat:rate', { score, comment });
  }

  /** Tells the agent we have seen everything up to the newest message. */
  markRead(): void {
    const last = this.state.messages.at(-1);
    if (!last || !this.state.conversation || this.state.conversation.state === 'ended') return;
    void this.ask('message:read', { seq: last.seq });
  }

  typing(typing: boolean): void {
    if (!this.socket?.connected || !this.state.conversation) return;
    clearTimeout(this.typingTimer);
    const now = Date.now();
    if (typing && now - this.lastTypingSent > 2000) {
      this.lastTypingSent = now;
      this.socket.emit('typing', { typing: true });
    }
    if (typing) this.typingTimer = setTimeout(() => this.typing(false), 3000);
    else if (this.lastTypingSent > 0) {
      this.lastTypingSent = 0;
      this.socket.emit('typing', { typing: false });
    }
  }

  async attachmentUrl(id: string): Promise<string> {
    const res = await fetch(`${this.config.base}/api/attachments/${encodeURIComponent(id)}`, { headers: { 'x-visitor-token': this.visitorToken ?? '' } });
    if (!res.ok) throw new Error(`attachment ${res.status}`);
    return URL.createObjectURL(await res.blob());
  }

  private queue(o: Outgoing): void {
    this.set({ outbox: [...this.state.outbox, o] });
    this.flush();
  }

  /** Sends every unacknowledged message in order; a lost ack just means sending it again. */
  private flush(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    for (const o of this.state.outbox) {
      if (o.status !== 'sending' || this.inflight.has(o.clientId)) continue;
      this.inflight.add(o.clientId);
      const payload = o.attachmentId ? { clientId: o.clientId, attachmentId: o.attachmentId } : { clientId: o.clientId, text: o.text };
      socket.timeout(8000).emit('message:send', payload, (err: Error | null, reply: Reply<MessageView>) => {
        this.inflight.delete(o.clientId);
        if (err) return void setTimeout(() => this.flush(), 1000);
        if (reply.ok && reply.data) {
          this.set({ outbox: this.state.outbox.filter((x) => x.clientId !== o.clientId) });
          this.merge([reply.data]);
        } else this.set({ outbox: this.state.outbox.map((x) => (x.clientId === o.clientId ? { ...x, status: 'failed' } : x)) });
      });
    }
  }

  private async sync(): Promise<void> {
    const since = this.state.messages.at(-1)?.seq ?? 0;
    const reply = await this.ask<{ conversation: ConversationView | null; messages: MessageView[] }>('sync', { since });
    if (reply.ok && reply.data) {
      if (reply.data.conversation) this.set({ conversation: reply.data.conversation });
      this.merge(reply.data.messages);
    }
  }

  /** Adds messages once each, in seq order, whatever order or how often they arrive. */
  private merge(incoming: MessageView[]): void {
    const bySeq = new Map(this.state.messages.map((m) => [m.seq, m]));
    for (const m of incoming) {
      if (this.state.conversation && m.conversationId !== this.state.conversation.id) continue;
      if (m.clientId) for (const [seq, old] of bySeq) if (old.clientId === m.clientId && seq !== m.seq) bySeq.delete(seq);
      bySeq.set(m.seq, m);
    }
    const acked = new Set(incoming.map((m) => m.clientId));
    this.set({ messages: [...bySeq.values()].sort((a, b) => a.seq - b.seq), outbox: this.state.outbox.filter((o) => !acked.has(o.clientId)), ...(incoming.some((m) => m.senderType !== 'customer') ? { agentTyping: false } : {}) });
  }

  private ask<T>(event: string, payload: unknown): Promise<Reply<T>> {
    const socket = this.socket;
    if (!socket) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'not connected' } });
    return new Promise((resolve) => {
      socket.timeout(10_000).emit(event, payload, (err: Error | null, reply: Reply<T>) => resolve(err ? { ok: false, error: { code: 'timeout', message: err.message } } : reply));
    });
  }

  private set(patch: Partial<WidgetState>): void {
    this.state = { ...this.state, ...patch };
    if (patch.outbox) this.save('outbox', patch.outbox);
    for (const fn of this.listeners) fn();
  }

  private load<T>(name: string, fallback: T): T {
    try {
      const raw = localStorage.getItem(`${this.key}.${name}`);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback; // storage blocked: the visitor is new on every page load
    }
  }

  private save(name: string, value: unknown): void {
    try {
      localStorage.setItem(`${this.key}.${name}`, JSON.stringify(value));
    } catch {
      // storage blocked or full: keep working for this page view
    }
  }
}
