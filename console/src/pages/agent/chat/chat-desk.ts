import type { Socket } from 'socket.io-client';
import type { ConversationView, MessageView } from '../../../../../core/realtime/chat-events';
import { connectNamespace, emitWithAck } from '../../../realtime';
import { createStore, type Store } from '../../../store';
import { tabScoped } from '../tab-scoped';

export interface Pending {
  clientId: string;
  text: string;
  note: boolean;
  attachmentId?: string;
}

export interface ChatTab {
  view: ConversationView;
  messages: MessageView[];
  unread: number;
  customerTyping: boolean;
  pending: Pending[];
}

export interface DeskState {
  connected: boolean;
  tabs: ChatTab[];
  active: string | null;
  error: string | null;
}

const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Adds messages once each, by seq: replays after a reconnect and resync overlap harmlessly. */
export function mergeMessages(current: MessageView[], incoming: MessageView[]): MessageView[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) {
    // A message shown before its write failed comes back under a new seq with the same clientId.
    if (m.clientId) for (const [seq, old] of bySeq) if (old.clientId === m.clientId && seq !== m.seq) bySeq.delete(seq);
    bySeq.set(m.seq, m);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const instance = tabScoped(
  () => new ChatDesk(),
  (desk) => desk.disconnect(),
);

/** This tab's chat desk: open chats stay connected while the agent works on other pages. */
export function chatDesk(): ChatDesk {
  return instance.get();
}

export function runningDesk(): ChatDesk | undefined {
  return instance.peek();
}

/**
 * The desk's `/chat` connection and its tabs. Messages the agent writes carry client ids and are
 * re-sent after a reconnect until acknowledged; after every reconnect each tab asks for what it
 * missed since its last seq.
 */
export class ChatDesk {
  readonly store: Store<DeskState> = createStore<DeskState>({ connected: false, tabs: [], active: null, error: null });
  private readonly socket: Socket;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inflight = new Set<string>();
  private onScreen = false;

  constructor() {
    this.socket = connectNamespace('/chat');
    this.socket.on('connect', () => {
      this.patch({ connected: true });
      // The server hands back the chats still held (chat:assigned); the others open here may have
      // ended or moved away meanwhile, which their catch-up shows.
      for (const tab of this.store.get().tabs) void this.resync(tab.view.id);
      this.flush();
    });
    this.socket.on('disconnect', () => this.patch({ connected: false }));
    this.socket.on('chat:assigned', (e: { conversation: ConversationView; messages: MessageView[] }) => {
      if (this.tab(e.conversation.id)) {
        // Handed back on a reconnect: keep what this tab has (unsent replies, unread count).
        this.update(e.conversation.id, (tab) => ({ ...tab, view: e.conversation, messages: mergeMessages(tab.messages, e.messages) }));
        return;
      }
      const tabs = this.store.get().tabs;
      this.patch({ tabs: [...tabs, { view: e.conversation, messages: e.messages, unread: e.messages.filter((m) => m.senderType === 'customer').length, customerTyping: false, pending: [] }], active: this.store.get().active ?? e.conversation.id });
      // Opened straight onto the screen: what the customer wrote so far counts as read.
      if (this.looking(e.conversation.id)) this.activate(e.conversation.id);
    });
    this.socket.on('chat:message', (m: MessageView, ack?: () => void) => {
      if (typeof ack === 'function') ack();
      this.update(m.conversationId, (tab) => ({
        ...tab,
        messages: mergeMessages(tab.messages, [m]),
        pending: tab.pending.filter((p) => p.clientId !== m.clientId),
        unread: tab.unread + (m.senderType === 'customer' && !this.looking(tab.view.id) ? 1 : 0),
        customerTyping: m.senderType === 'customer' ? false : tab.customerTyping,
      }));
      if (m.senderType === 'customer' && this.looking(m.conversationId)) this.markRead(m.conversationId);
    });
    this.socket.on('chat:updated', (view: ConversationView) => {
      // Transferred away: it is back in a queue, no longer this desk's.
      if (view.state === 'queued' || view.state === 'offered') return this.drop(view.id);
      this.update(view.id, (tab) => ({ ...tab, view, customerTyping: false }));
    });
    this.socket.on('chat:typing', (e: { conversationId: string; typing: boolean }) => {
      this.update(e.conversationId, (tab) => ({ ...tab, customerTyping: e.typing }));
      clearTimeout(this.typingTimers.get(e.conversationId));
      if (e.typing) this.typingTimers.set(e.conversationId, setTimeout(() => this.update(e.conversationId, (tab) => ({ ...tab, customerTyping: false })), 6000));
    });
    this.socket.on('chat:receipt', (e: { conversationId: string; readSeq: number }) => this.update(e.conversationId, (tab) => ({ ...tab, view: { ...tab.view, readSeq: Math.max(tab.view.readSeq, e.readSeq) } })));
  }

  /** The desk is on screen (the workspace page) or not (the agent opened a ticket): reads follow what is shown. */
  shown(on: boolean): void {
    this.onScreen = on;
    const active = this.store.get().active;
    if (on && active) this.activate(active);
  }

  /** Whether the agent can see this conversation's messages right now. */
  private looking(id: string): boolean {
    return this.onScreen && !document.hidden && this.store.get().active === id;
  }

  activate(id: string): void {
    this.update(id, (tab) => ({ ...tab, unread: 0 }));
    this.patch({ active: id });
    this.markRead(id);
  }

  send(conversationId: string, text: string, note = false, attachmentId?: string): void {
    this.update(conversationId, (tab) => ({ ...tab, pending: [...tab.pending, { clientId: newId(), text, note, ...(attachmentId ? { attachmentId } : {}) }] }));
    this.flush();
  }

  typing(conversationId: string, typing: boolean): void {
    if (this.socket.connected) this.socket.emit('chat:typing', { conversationId, typing });
  }

  markRead(conversationId: string): void {
    const tab = this.tab(conversationId);
    const last = tab?.messages.filter((m) => m.senderType === 'customer').at(-1);
    if (last && tab?.view.state !== 'ended') void emitWithAck(this.socket, 'chat:read', { conversationId, seq: last.seq }).catch(() => undefined);
  }

  transfer(conversationId: string, target: { queueId?: string; agentId?: string }, note: string): Promise<unknown> {
    return this.act('chat:transfer', { conversationId, ...target, note }, true);
  }

  invite(conversationId: string, note: string): Promise<unknown> {
    return this.act('chat:invite', { conversationId, note }, false);
  }

  close(conversationId: string, outcome: { disposition: string; resolved: boolean; notes: string }): Promise<unknown> {
    return this.act('chat:close', { conversationId, disposition: outcome.disposition, resolved: outcome.resolved, ...(outcome.notes ? { notes: outcome.notes } : {}) }, true);
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  private async act(event: string, payload: { conversationId: string } & Record<string, unknown>, leaves: boolean): Promise<unknown> {
    try {
      const result = await emitWithAck(this.socket, event, payload);
      if (leaves) this.drop(payload.conversationId);
      this.patch({ error: null });
      return result;
    } catch (err) {
      this.patch({ error: (err as Error).message });
      throw err;
    }
  }

  private flush(): void {
    if (!this.socket.connected) return;
    for (const tab of this.store.get().tabs) {
      for (const p of tab.pending) {
        if (this.inflight.has(p.clientId)) continue;
        this.inflight.add(p.clientId);
        const payload = { conversationId: tab.view.id, clientId: p.clientId, ...(p.attachmentId ? { attachmentId: p.attachmentId } : { text: p.text }) };
        emitWithAck<MessageView>(this.socket, p.note ? 'chat:note' : 'chat:send', payload, 8000).finally(() => this.inflight.delete(p.clientId)).then(
          (m) => this.update(tab.view.id, (t) => ({ ...t, messages: mergeMessages(t.messages, [m]), pending: t.pending.filter((x) => x.clientId !== p.clientId) })),
          (err: Error & { code?: string }) => {
            // Timeouts are retried on reconnect (the clientId makes that safe); refusals are final.
            if (err.code !== 'timeout') {
              this.update(tab.view.id, (t) => ({ ...t, pending: t.pending.filter((x) => x.clientId !== p.clientId) }));
              this.patch({ error: err.message });
            }
          },
        );
      }
    }
  }

  private async resync(id: string): Promise<void> {
    const since = this.tab(id)?.messages.at(-1)?.seq ?? 0;
    try {
      const r = await emitWithAck<{ conversation: ConversationView; messages: MessageView[] }>(this.socket, 'chat:history', { conversationId: id, since });
      this.update(id, (tab) => ({ ...tab, view: r.conversation, messages: mergeMessages(tab.messages, r.messages) }));
    } catch {
      this.drop(id);
    }
  }

  private tab(id: string): ChatTab | undefined {
    return this.store.get().tabs.find((t) => t.view.id === id);
  }

  private drop(id: string): void {
    const s = this.store.get();
    const tabs = s.tabs.filter((t) => t.view.id !== id);
    this.patch({ tabs, active: s.active === id ? (tabs[0]?.view.id ?? null) : s.active });
  }

  private update(id: string, fn: (tab: ChatTab) => ChatTab): void {
    const s = this.store.get();
    if (!s.tabs.some((t) => t.view.id === id)) return;
    this.patch({ tabs: s.tabs.map((t) => (t.view.id === id ? fn(t) : t)) });
  }

  private patch(p: Partial<DeskState>): void {
    this.store.set({ ...this.store.get(), ...p });
  }
}
