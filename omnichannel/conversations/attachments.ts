import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Knex } from 'knex';
import type { Clock } from '../../core/clock';
import { AppError, NotFound } from '../../core/errors';
import type { AttachmentView } from '../../core/realtime/chat-events';

export class TooLarge extends AppError {
  readonly status = 413;
  readonly code = 'too_large';
}

export class UnsupportedType extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_type';
}

export const maxAttachmentBytes = 10 * 1024 * 1024;

/** Types we accept, recognised by their first bytes: what the client claims is never trusted. */
const signatures: ReadonlyArray<{ mime: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { mime: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** Plain text: valid UTF-8 without control bytes other than tab and line breaks. */
function isPlainText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return !text.includes('\uFFFD');
}

export function sniffMime(data: Buffer, declared: string): string | null {
  const known = signatures.find((s) => s.test(data));
  if (known) return known.mime;
  if (declared.split(';')[0]?.trim() === 'text/plain' && isPlainText(data)) return 'text/plain';
  return null;
}

export interface StoredAttachment extends AttachmentView {
  conversationId: string;
  uploadedBy: string;
  path: string;
}

interface AttachmentRow {
  id: string;
  interaction_id: string;
  filename: string;
  mime: string;
  size_bytes: number;
  path: string;
  uploaded_by: string;
}

/**
 * Files sent in conversations, stored under DATA_DIR/uploads with random names (never the
 * customer's file name, which is kept only as metadata), so nothing can be guessed or overwritten.
 */
export class AttachmentStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async save(conversationId: string, input: { filename: string; declaredMime: string; data: Buffer; uploadedBy: string }): Promise<StoredAttachment> {
    if (input.data.length === 0) throw new UnsupportedType('the file is empty');
    if (input.data.length > maxAttachmentBytes) throw new TooLarge(`files may be at most ${maxAttachmentBytes / 1024 / 1024} MB`);
    const mime = sniffMime(input.data, input.declaredMime);
    if (!mime) throw new UnsupportedType('only images (PNG, JPEG, GIF, WebP), PDF and plain text may be sent');
    const id = randomUUID();
    const name = randomBytes(16).toString('hex');
    await writeFile(join(this.dir, name), input.data, { flag: 'wx' });
    const filename = [...basename(input.filename)].map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '"' || ch === '\\' ? '_' : ch)).join('').slice(0, 200) || 'file';
    await this.db('attachments').insert({
      id,
      interaction_id: conversationId,
      filename,
      mime,
      size_bytes: input.data.length,
      path: name,
      uploaded_by: input.uploadedBy,
      created_at: new Date(this.clock.now()),
    });
    return { id, conversationId, filename, mime, size: input.data.length, uploadedBy: input.uploadedBy, path: join(this.dir, name) };
  }

  async get(id: string): Promise<StoredAttachment> {
    const row = (await this.db('attachments').where({ id }).first()) as AttachmentRow | undefined;
    if (!row) throw new NotFound('no such attachment');
    return { id: row.id, conversationId: row.interaction_id, filename: row.filename, mime: row.mime, size: row.size_bytes, uploadedBy: row.uploaded_by, path: join(this.dir, basename(row.path)) };
  }
}
