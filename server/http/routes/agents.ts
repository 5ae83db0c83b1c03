import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../../../core/audit/audit-log';
import { createAgentSchema, updateAgentSchema, type AgentDirectory } from '../../../core/agents/directory';
import { skillSchema, type SkillService } from '../../../core/agents/skills';
import { NotFound } from '../../../core/errors';
import { idParams, type Api } from '../api';

export function agentRoutes(api: Api, deps: { agents: AgentDirectory; skills: SkillService; audit: AuditLog; onChange: () => Promise<void>; db: Knex; sip: { realm: string; wsPath: string; wsUrl: string | null } }): void {
  const { agents, skills } = deps;
  api.route({ method: 'get', path: '/api/agents', summary: 'List agents', tag: 'agents', roles: ['supervisor'] }, () => agents.list());
  api.route({ method: 'get', path: '/api/agents/me', summary: 'My agent profile', tag: 'agents', roles: ['agent'] }, async ({ user }) => {
    const me = await agents.byUserId(user.id);
    if (!me) throw new NotFound('you have no agent profile');
    return me;
  });
  api.route({ method: 'get', path: '/api/agents/me/sip', summary: 'My softphone registration (extension, realm, HA1, where SIP over WebSocket is)', tag: 'agents', roles: ['agent'] }, async ({ user }) => {
    const me = await agents.byUserId(user.id);
    if (!me) throw new NotFound('you have no agent profile');
    const creds = await agents.sipCredentials(me.extension, deps.sip.realm);
    if (!creds) throw new NotFound('your SIP credentials were made for another realm; ask an admin to set your SIP password again');
    return { extension: me.extension, realm: deps.sip.realm, ha1: creds.ha1, wsPath: deps.sip.wsPath, wsUrl: deps.sip.wsUrl, domain: deps.sip.realm };
  });
  api.route({ method: 'get', path: '/api/presence-reasons', summary: 'Not-ready reasons agents may choose', tag: 'agents', roles: ['agent'] }, () => deps.db('not_ready_reasons').orderBy('id'));
  api.route({ method: 'get', path: '/api/dispositions', summary: 'Wrap-up disposition codes', tag: 'agents', roles: ['agent'] }, () => deps.db('dispositions').orderBy('id'));
  api.route({ method: 'post', path: '/api/agents', summary: 'Create an agent (user, extension, SIP password, skills, capacity)', tag: 'agents', roles: ['admin'], body: createAgentSchema, status: 201 }, async ({ body, user, ip }) => {
    const created = await agents.create(body, { userId: user.id, ip });
    await deps.onChange();
    return created;
  });
  api.route({ method: 'patch', path: '/api/agents/:id', summary: 'Change an agent', tag: 'agents', roles: ['admin'], params: idParams, body: updateAgentSchema }, async ({ params, body, user, ip }) => {
    const updated = await agents.update(params.id, body, { userId: user.id, ip });
    await deps.onChange();
    return updated;
  });
  api.route({ method: 'delete', path: '/api/agents/:id', summary: 'Delete an agent and its user', tag: 'agents', roles: ['admin'], params: idParams }, async ({ params, user, ip }) => {
    await agents.remove(params.id, { userId: user.id, ip });
    await deps.onChange();
  });

  api.route({ method: 'get', path: '/api/skills', summary: 'List skills', tag: 'skills', roles: ['agent'] }, () => skills.list());
  api.route({ method: 'post', path: '/api/skills', summary: 'Create a skill', tag: 'skills', roles: ['admin'], body: skillSchema, status: 201 }, ({ body, user, ip }) =>
    skills.create(body, { userId: user.id, ip }),
  );
  api.route({ method: 'delete', path: '/api/skills/:id', summary: 'Delete a skill', tag: 'skills', roles: ['admin'], params: idParams }, async ({ params, user, ip }) => {
    await skills.remove(params.id, { userId: user.id, ip });
  });

  api.route(
    { method: 'get', path: '/api/audit', summary: 'Audit log of admin changes', tag: 'audit', roles: ['admin'], query: z.object({ entity: z.string().max(32).optional() }) },
    ({ query }) => deps.audit.list(query.entity ? { entity: query.entity } : {}),
  );
}
