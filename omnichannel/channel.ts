import type { Media } from '../core/media';
import type { ContentType, MessageView, SenderType } from '../core/realtime/chat-events';

/**
 * The port every text channel implements (WebIM now; WeChat, SMS and email later). A channel turns
 * its transport into these calls and back; the conversation service, the router and the agent desk
 * never learn which transport carried a message.
 */

/** Who the customer is, as the channel knows them: one contact identity in the CRM. */
export interface CustomerIdentity {
  /** The contact identity kind ('webim_visitor', 'wechat_openid', 'sms', 'email'...). */
  kind: 'webim_visitor' | 'wechat_openid' | 'sms' | 'email' | 'phone';
  /** Stable per customer within the kind: a visitor key, an OpenID, an E.164 number. */
  value: string;
  displayName?: string;
  phone?: string;
  email?: string;
}

/** A file the customer sent, already stored by the channel (see AttachmentStore). */
export interface InboundAttachment {
  attachmentId: string;
}

/** What a channel hands in when the customer writes. `clientId` makes a resend idempotent. */
export interface InboundMessage {
  clientId: string;
  text?: string;
  attachment?: InboundAttachment;
}

export type DeliveryState = 'sent' | 'delivered' | 'read';

/** What a channel must deliver to the customer. Notes never reach a channel. */
export interface OutboundMessage {
  conversationId: string;
  seq: number;
  senderType: Exclude<SenderType, 'note' | 'customer'>;
  senderName: string | null;
  contentType: ContentType;
  body: string;
  attachmentUrl: string | null;
}

/** Where a conversation enters the router and which calendar gates it. */
export interface EntryPoint {
  queueId: string;
  skills?: Record<string, number>;
  priority?: number;
  businessHoursId: number | null;
  /** Offer knowledge-base answers before queueing. */
  selfService: boolean;
}

/**
 * A channel adapter. Push channels (the widget's socket) deliver in `send`; store-and-forward
 * channels (WeChat customer-service API, SMS gateways) send through their provider and report
 * delivery later through `ConversationService.markDelivered`.
 */
export interface Channel {
  readonly media: Exclude<Media, 'voice' | 'video'>;
  /**
   * Delivers an agent, bot or system message to the customer; resolves once handed over. 'sent':
   * the channel reports delivery later; 'delivered': the transport confirmed it already.
   * `view` is the stored message, for channels that push it as is.
   */
  send(message: OutboundMessage, view: MessageView): Promise<DeliveryState>;
  /** The customer sees the agent typing, where the transport can show it. */
  typing?(conversationId: string, typing: boolean): void;
  /** The agent read the customer's messages up to `seq` (read receipts, where supported). */
  read?(conversationId: string, seq: number): void;
}
