import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { roleSchema, type Role } from '../auth/roles';
import type { Clock } from '../clock';
import { Conflict, NotFound } from '../errors';
import { isoTime } from '../time';

export const localeSchema = z.enum(['zh-CN', 'en']);
export const usernameSchema = z.string().regex(/^[A-Za-z0-9_.-]{2,64}$/, 'letters, digits, . _ - (2–64)');
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(128);

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(128),
  password: passwordSchema,
  role: roleSchema,
  locale: localeSchema.default('zh-CN'),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(128),
    password: passwordSchema,
    role: roleSchema,
    locale: localeSchema,
    active: z.boolean(),
  })
  .partial();
export type UpdateUser = z.infer<typeof updateUserSchema>;

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  active: boolean;
  tokenVersion: number;
  lastLoginAt: string | null;
  createdAt: string | null;
}

/** Who did it, for the audit log. */
export interface Actor {
  userId: number | null;
  ip?: string | null;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  active: number | boolean;
  token_version: number;
  last_login_at: unknown;
  created_at: unknown;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    active: Boolean(row.active),
    tokenVersion: row.token_version,
    lastLoginAt: isoTime(row.last_login_at),
    createdAt: isoTime(row.created_at),
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

export class UserService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<User[]> {
    const rows = (await this.db('users').orderBy('id')) as UserRow[];
    return rows.map(toUser);
  }

  async get(id: number): Promise<User> {
    const row = (await this.db('users').where({ id }).first()) as UserRow | undefined;
    if (!row) throw new NotFound(`user ${id} not found`);
    return toUser(row);
  }

  async create(input: CreateUser, actor: Actor, trx: Knex = this.db): Promise<User> {
    const now = new Date(this.clock.now());
    try {
      const [id] = await trx('users').insert({
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password),
        role: input.role,
        locale: input.locale,
        active: true,
        created_at: now,
        updated_at: now,
      });
      await this.audit.record({ ...actorFields(actor), action: 'create', entity: 'user', entityId: Number(id), data: { ...input } }, trx);
      const row = (await trx('users').where({ id: Number(id) }).first()) as UserRow;
      return toUser(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict(`username ${input.username} is taken`);
      throw err;
    }
  }

  async update(id: number, patch: UpdateUser, actor: Actor): Promise<User> {
    await this.get(id);
    const changes: Record<string, unknown> = { updated_at: new Date(this.clock.now()) };
    if (patch.displayName !== undefined) changes.display_name = patch.displayName;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.locale !== undefined) changes.locale = patch.locale;
    if (patch.active !== undefined) changes.active = patch.active;
    if (patch.password !== undefined) changes.password_hash = await hashPassword(patch.password);
    // A new password, role or deactivation ends the sessions that were issued before it.
    if (patch.password !== undefined || patch.role !== undefined || patch.active === false) {
      changes.token_version = this.db.raw('token_version + 1');
    }
    await this.db('users').where({ id }).update(changes);
    await this.audit.record({ ...actorFields(actor), action: 'update', entity: 'user', entityId: id, data: { ...patch } });
    return this.get(id);
  }

  async remove(id: number, actor: Actor): Promise<void> {
    const user = await this.get(id);
    if (user.role === 'admin') {
      const admins = await this.db('users').where({ role: 'admin', active: true }).count<{ n: number }[]>({ n: '*' });
      if (Number(admins[0]?.n ?? 0) <= 1) throw new Conflict('cannot delete the last admin');
    }
    await this.db('users').where({ id }).delete();
    await this.audit.record({ ...actorFields(actor), action: 'delete', entity: 'user', entityId: id, data: { username: user.username } });
  }

  /** The user for these credentials, or null; a wrong password and an unknown user look the same. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const row = (await this.db('users').where({ username }).first()) as UserRow | undefined;
    if (!row || !row.active) {
      await hashPassword(password); // same cost either way, so timing does not reveal which usernames exist
      return null;
    }
    if (!(await verifyPassword(row.password_hash, password))) return null;
    await this.db('users').where({ id: row.id }).update({ last_login_at: new Date(this.clock.now()) });
    return toUser(row);
  }

  /** First start: make sure an admin exists. Returns the generated password when one was made up. */
  async ensureAdmin(password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    const existing = await this.db('users').where({ role: 'admin' }).first();
    if (existing) return { created: false };
    const chosen = password ?? randomPassword();
    await this.create(
      { username: 'admin', displayName: 'Administrator', password: chosen, role: 'admin', locale: 'zh-CN' },
      { userId: null },
    );
    return password ? { created: true } : { created: true, generatedPassword: chosen };
  }
}

export function actorFields(actor: Actor): { userId: number | null; ip: string | null } {
  return { userId: actor.userId, ip: actor.ip ?? null };
}

function randomPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
