import type { MessageView } from '../../core/realtime/chat-events';
import type { LiveConversation } from './live';

/** What the conversation service decides, for the channel adapters and the agent desk to push out. */
export interface ConversationEventMap {
  message: { conversation: LiveConversation; message: MessageView };
  /** State, queue position or assignment changed. */
  updated: { conversation: LiveConversation };
  assigned: { conversation: LiveConversation; agentId: string };
  unassigned: { conversation: LiveConversation; agentId: string };
  typing: { conversation: LiveConversation; side: 'customer' | 'staff'; typing: boolean };
  /** `side` read the other side's messages up to `seq`. */
  receipt: { conversation: LiveConversation; side: 'customer' | 'staff'; seq: number };
  invited: { conversation: LiveConversation; by: string; note: string };
}

type Listener<K extends keyof ConversationEventMap> = (e: ConversationEventMap[K]) => void;

export class ConversationEvents {
  private readonly listeners = new Map<keyof ConversationEventMap, Array<(e: never) => void>>();

  on<K extends keyof ConversationEventMap>(type: K, fn: Listener<K>): void {
    const list = this.listeners.get(type) ?? [];
    list.push(fn as (e: never) => void);
    this.listeners.set(type, list);
  }

  emit<K extends keyof ConversationEventMap>(type: K, e: ConversationEventMap[K]): void {
    for (const fn of this.listeners.get(type) ?? []) (fn as Listener<K>)(e);
  }
}
