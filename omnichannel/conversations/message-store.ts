import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { runWrite } from '../../core/driver-statement';
import type { AttachmentView, ContentType, MessageView, SenderType } from '../../core/realtime/chat-events';
import { isoTime } from '../../core/time';

export interface NewMessage {
  conversationId: string;
  seq: number;
  clientId: string | null;
  senderType: SenderType;
  senderId: string | null;
  senderName: string | null;
  contentType: ContentType;
  body: string;
  attachment: AttachmentView | null;
  at: number;
}

interface MessageRow {
  id: string;
  interaction_id: string;
  seq: number;
  client_id: string | null;
  sender_type: SenderType;
  sender_id: string | null;
  sender_name: string | null;
  content_type: ContentType;
  body: string;
  attachment_id: string | null;
  created_at: unknown;
  delivered_at: unknown;
  read_at: unknown;
  a_filename: string | null;
  a_mime: string | null;
  a_size: number | null;
}

/** The columns a new message writes, in the order of its bindings. */
const COLUMNS = ['id', 'interaction_id', 'seq', 'client_id', 'sender_type', 'sender_id', 'sender_name', 'content_type', 'body', 'attachment_id', 'created_at'] as const;
type Row = Record<(typeof COLUMNS)[number], unknown>;

interface Pending {
  row: Row;
  done: (err?: unknown) => void;
}

const maxBatch = 400;
const deliveryChunk = 50;
// Under load, more rows per statement: at 1,000 messages/s the database path allocated 7.7 KB per
// message instead of 10.3 with a 4 ms gap (fewer scavenges, fewer tail pauses). Only the sender's
// acknowledgement waits longer; the fan-out to the other side precedes the write.
const minWriteGapMs = 16;

/**
 * Messages of every text conversation. Writes are batched: everything queued since the last write
 * goes into one multi-row insert, and each caller resolves only once its row is committed,
 * so an acknowledgement always means "stored" while a busy node still makes few round trips.
 */
export class MessageStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private lastWriteAt = -Infinity;
  /** sender type -> conversation -> highest seq confirmed delivered, written together every 250 ms. */
  private delivered = new Map<SenderType, Map<string, number>>();
  private deliveredTimer: NodeJS.Timeout | undefined;
  /** INSERT statements by row count. */
  private readonly insertSql = new Map<number, string>();

  constructor(
    private readonly db: Knex,
    private readonly log: Logger,
  ) {}

  /** The message as it will be stored, at once, and the commit of its row. */
  insert(m: NewMessage): { view: MessageView; stored: Promise<void> } {
    const id = randomUUID();
    const row: Row = {
      id,
      interaction_id: m.conversationId,
      seq: m.seq,
      client_id: m.clientId,
      sender_type: m.senderType,
      sender_id: m.senderId,
      sender_name: m.senderName,
      content_type: m.contentType,
      body: m.body,
      attachment_id: m.attachment?.id ?? null,
      created_at: new Date(m.at),
    };
    const stored = new Promise<void>((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      this.flushing ??= this.nextTurn().then(() => this.drain());
    });
    return { view: this.view(m, id), stored };
  }

  /** Waits for every write queued so far. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, maxBatch);
      try {
        // One multi-row INSERT is atomic on its own: no BEGIN/COMMIT round trips needed.
        await this.write(batch);
        for (const p of batch) p.done();
      } catch {
        // One bad row (a duplicate seq after a race) must not fail its neighbours: retry one by one.
        for (const p of batch) {
          try {
            await this.write([p]);
            p.done();
          } catch (err) {
            this.log.warn({ err, interactionId: p.row.interaction_id }, 'message write failed');
            p.done(err);
          }
        }
      }
    }
    this.flushing = undefined;
    this.lastWriteAt = performance.now();
  }

  private write(batch: readonly Pending[]): Promise<void> {
    let sql = this.insertSql.get(batch.length);
    if (!sql) {
      const values = `(${COLUMNS.map(() => '?').join(', ')})`;
      sql = `insert into messages (${COLUMNS.join(', ')}) values ${Array.from({ length: batch.length }, () => values).join(', ')}`;
      this.insertSql.set(batch.length, sql);
    }
    const bindings: unknown[] = [];
    for (const { row } of batch) for (const c of COLUMNS) bindings.push(row[c]);
    return runWrite(this.db, sql, bindings);
  }

  /**
   * When to write what has queued: at once when the last write was a while ago, else a few ms after
   * it, so a busy node writes several messages per statement (each statement costs the same
   * query building and, on SQLite, event-loop time, whatever its rows).
   */
  private nextTurn(): Promise<void> {
    const wait = this.lastWriteAt + minWriteGapMs - performance.now();
    return new Promise((ok) => (wait > 0 ? setTimeout(ok, wait) : setImmediate(ok)));
  }

  async byClientId(conversationId: string, clientId: string): Promise<MessageView | undefined> {
    const rows = await this.select(conversationId).where('m.client_id', clientId);
    return rows[0] ? this.fromRow(rows[0]) : undefined;
  }

  async since(conversationId: string, since: number, includeNotes: boolean, limit = 500): Promise<MessageView[]> {
    await this.settled();
    const q = this.select(conversationId).where('m.seq', '>', since).orderBy('m.seq').limit(limit);
    if (!includeNotes) q.whereNot('m.sender_type', 'note');
    return (await q).map((r) => this.fromRow(r));
  }

  /** The last seq stored per conversation, and the client ids already used, for live conversations after a restart. */
  async tail(conversationId: string): Promise<{ maxSeq: number; clientIds: Map<string, number> }> {
    const rows = (await this.db('messages').where({ interaction_id: conversationId }).select('seq', 'client_id')) as Array<{ seq: number; client_id: string | null }>;
    const clientIds = new Map<string, number>();
    let maxSeq = 0;
    for (const r of rows) {
      maxSeq = Math.max(maxSeq, r.seq);
      if (r.client_id) clientIds.set(r.client_id, r.seq);
    }
    return { maxSeq, clientIds };
  }

  /** Marks the other side's messages up to `seq` delivered and read, as the reader's client reported. */
  async markRead(conversationId: string, senderTypes: readonly SenderType[], seq: number, at: number): Promise<void> {
    await this.settled();
    const when = new Date(at);
    await this.db('messages').where({ interaction_id: conversationId }).whereIn('sender_type', senderTypes).where('seq', '<=', seq).whereNull('delivered_at').update({ delivered_at: when });
    await this.db('messages').where({ interaction_id: conversationId }).whereIn('sender_type', senderTypes).where('seq', '<=', seq).whereNull('read_at').update({ read_at: when });
  }

  /** Delivery receipts arrive per message; they are coalesced so a busy node writes them once per interval. */
  deliveredLater(conversationId: string, senderType: SenderType, seq: number, at: number): void {
    let upTo = this.delivered.get(senderType);
    if (!upTo) this.delivered.set(senderType, (upTo = new Map()));
    upTo.set(conversationId, Math.max(seq, upTo.get(conversationId) ?? 0));
    this.deliveredTimer ??= setTimeout(() => {
      this.deliveredTimer = undefined;
      this.writeDeliveries(at).catch((err: unknown) => this.log.warn({ err }, 'could not record deliveries'));
    }, 250);
  }

  /** Writes pending delivery receipts now (at shutdown). */
  async flushDeliveries(): Promise<void> {
    clearTimeout(this.deliveredTimer);
    this.deliveredTimer = undefined;
    await this.writeDeliveries(Date.now());
  }

  /** The whole batch in a few statements: on SQLite every statement holds the only connection. */
  private async writeDeliveries(at: number): Promise<void> {
    const batch = this.delivered;
    this.delivered = new Map();
    if (batch.size === 0) return;
    await this.settled();
    // One statement per sender type and chunk: `seq <= CASE interaction_id WHEN ? THEN ? ... END`, so
    // a chunk holds the (single, on SQLite) connection for one query, not one per conversation. On
    // SQLite a statement runs on the event loop: small chunks, with a turn of the loop between them,
    // keep chat messages flowing meanwhile.
    for (const [type, seqs] of batch) {
      const pairs = [...seqs];
      for (let i = 0; i < pairs.length; i += deliveryChunk) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        const chunk = pairs.slice(i, i + deliveryChunk);
        const ids = chunk.map(() => '?').join(', ');
        const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
        const bindings: unknown[] = [new Date(at)];
        for (const [id] of chunk) bindings.push(id);
        bindings.push(type);
        for (const [id, seq] of chunk) bindings.push(id, seq);
        await runWrite(this.db, `update messages set delivered_at = ? where interaction_id in (${ids}) and sender_type = ? and delivered_at is null and seq <= CASE interaction_id ${cases} END`, bindings);
      }
    }
  }

  async markDelivered(conversationId: string, senderTypes: readonly SenderType[], seq: number, at: number): Promise<void> {
    await this.settled();
    await this.db('messages').where({ interaction_id: conversationId }).whereIn('sender_type', senderTypes).where('seq', '<=', seq).whereNull('delivered_at').update({ delivered_at: new Date(at) });
  }

  private select(conversationId: string): Knex.QueryBuilder<MessageRow, MessageRow[]> {
    return this.db('messages as m')
      .leftJoin('attachments as a', 'a.id', 'm.attachment_id')
      .where('m.interaction_id', conversationId)
      .select('m.*', 'a.filename as a_filename', 'a.mime as a_mime', 'a.size_bytes as a_size') as unknown as Knex.QueryBuilder<MessageRow, MessageRow[]>;
  }

  private view(m: NewMessage, id: string): MessageView {
    return {
      conversationId: m.conversationId,
      id,
      seq: m.seq,
      clientId: m.clientId,
      senderType: m.senderType,
      senderId: m.senderId,
      senderName: m.senderName,
      contentType: m.contentType,
      body: m.body,
      attachment: m.attachment,
      createdAt: new Date(m.at).toISOString(),
      deliveredAt: null,
      readAt: null,
    };
  }

  private fromRow(r: MessageRow): MessageView {
    return {
      conversationId: r.interaction_id,
      id: r.id,
      seq: r.seq,
      clientId: r.client_id,
      senderType: r.sender_type,
      senderId: r.sender_id,
      senderName: r.sender_name,
      contentType: r.content_type,
      body: r.body,
      attachment: r.attachment_id ? { id: r.attachment_id, filename: r.a_filename ?? '', mime: r.a_mime ?? '', size: Number(r.a_size ?? 0) } : null,
      createdAt: isoTime(r.created_at) ?? '',
      deliveredAt: isoTime(r.delivered_at),
      readAt: isoTime(r.read_at),
    };
  }
}
