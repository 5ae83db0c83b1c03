// Shapes shared with the server. Only types cross the layer boundary (see test/architecture.test.ts).
import type { AgentProfile, CreateAgent, UpdateAgent } from '../../core/agents/directory';
import type { Skill, SkillInput } from '../../core/agents/skills';
import type { Role } from '../../core/auth/roles';
import type { Capacity, Media } from '../../core/media';
import type { CreateUser, UpdateUser, User } from '../../core/users/users';

export type { AgentProfile, CreateAgent, UpdateAgent, Skill, SkillInput, Role, Capacity, Media, CreateUser, UpdateUser, User };

/** What GET /api/auth/me and POST /api/auth/login return about the signed-in user. */
export type SessionUser = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'locale'>;

/** One row of GET /api/audit, as stored: `data` is JSON text, `at` is UTC (ISO or epoch ms). */
export interface AuditRow {
  id: number;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: string | null;
  ip: string | null;
  at: string | number;
}

export const mediaTypes = ['voice', 'video', 'webim', 'wechat', 'sms', 'email'] as const satisfies readonly Media[];
// Fails to compile when core gains a media type that the console does not list.
export const mediaTypesComplete: Exclude<Media, (typeof mediaTypes)[number]> extends never ? true : false = true;

export const roles = ['admin', 'supervisor', 'agent'] as const satisfies readonly Role[];
