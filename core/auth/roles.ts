import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof roleSchema>;

/** What each role may do beyond its own area: supervisors see the agent area, admins see all. */
const inherits: Record<Role, Role[]> = {
  admin: ['admin', 'supervisor', 'agent'],
  supervisor: ['supervisor', 'agent'],
  agent: ['agent'],
};

export function roleAllows(actual: Role, required: readonly Role[]): boolean {
  return required.some((r) => inherits[actual].includes(r));
}
