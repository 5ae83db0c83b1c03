import { createReadStream, statSync } from 'node:fs';
import { z } from 'zod';
import type { Knex } from 'knex';
import { roleAllows } from '../../../core/auth/roles';
import { Forbidden, NotFound } from '../../../core/errors';
import { isoTime } from '../../../core/time';
import type { VoiceCentre } from '../../../telephony/acd/voice-centre';
import type { RoutingHub } from '../../routing/routing-hub';
import type { Api } from '../api';

const callParams = z.object({ id: z.uuid() });
const target = z.object({ kind: z.enum(['extension', 'number']), value: z.string().regex(/^\+?[0-9*#]{1,32}$/) });

/** Call control from the console: the agent's own call, and supervisors' monitoring. */
export function callRoutes(api: Api, deps: { centre: VoiceCentre; hub: RoutingHub; db: Knex; agentExtension: (userId: number) => Promise<string | undefined> }): void {
  const { centre, hub } = deps;
  const own = (userId: number, role: string, id: string) => {
    const agentId = hub.agentIdForUser(userId);
    return centre.connected(id, roleAllows(role as 'agent', ['supervisor']) ? undefined : (agentId ?? '-'));
  };

  api.route({ method: 'get', path: '/api/calls/live', summary: 'Calls in progress (queued, ringing, talking)', tag: 'calls', roles: ['supervisor'] }, () => centre.live());
  api.route({ method: 'post', path: '/api/calls/:id/hold', summary: 'Hold or resume the caller', tag: 'calls', roles: ['agent'], params: callParams, body: z.object({ hold: z.boolean() }) }, async ({ params, body, user }) => {
    await (await own(user.id, user.role, params.id)).hold(body.hold);
  });
  api.route({ method: 'post', path: '/api/calls/:id/recording', summary: 'Pause or resume recording (sensitive data), or start it on demand', tag: 'calls', roles: ['agent'], params: callParams, body: z.object({ action: z.enum(['start', 'pause', 'resume']) }) }, async ({ params, body, user }) => {
    const call = await own(user.id, user.role, params.id);
    if (body.action === 'start') await call.startRecording();
    else call.pauseRecording(body.action === 'pause');
  });
  const transferTarget = z.union([target, z.object({ kind: z.literal('queue'), value: z.string().trim().min(1).max(64) })]);
  api.route({ method: 'post', path: '/api/calls/:id/transfer', summary: 'Blind transfer to an extension, a number or a queue', tag: 'calls', roles: ['agent'], params: callParams, body: transferTarget }, async ({ params, body, user }) => {
    const call = await own(user.id, user.role, params.id);
    if (body.kind === 'queue') {
      const queue = hub.queueByName(body.value);
      if (!queue || !queue.media.includes('voice')) throw new NotFound(`no voice queue ${body.value}`);
      await call.transferToQueue(queue);
    } else await call.transfer(body);
  });
  api.route({ method: 'post', path: '/api/calls/:id/conference', summary: 'Add a third party (three-way call)', tag: 'calls', roles: ['agent'], params: callParams, body: target }, async ({ params, body, user }) => {
    await (await own(user.id, user.role, params.id)).addParty(body);
  });
  api.route({ method: 'post', path: '/api/calls/:id/hangup', summary: 'End the call', tag: 'calls', roles: ['agent'], params: callParams }, async ({ params, user }) => {
    await (await own(user.id, user.role, params.id)).hangup();
  });
  api.route(
    { method: 'post', path: '/api/calls/:id/monitor', summary: 'Listen, whisper or barge from your own softphone; call again to switch mode', tag: 'calls', roles: ['supervisor'], params: callParams, body: z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }) },
    async ({ params, body, user }) => {
      const extension = await deps.agentExtension(user.id);
      if (!extension) throw new Forbidden('you need an extension (an agent profile) to monitor calls');
      await centre.monitor(params.id, extension, body.mode);
    },
  );

  api.route({ method: 'get', path: '/api/recordings', summary: 'Recordings of calls, newest first', tag: 'recordings', roles: ['supervisor'], query: z.object({ interactionId: z.uuid().optional() }) }, async ({ query }) => {
    const q = deps.db('recordings').whereNull('deleted_at').orderBy('started_at', 'desc').limit(200);
    if (query.interactionId) q.where({ interaction_id: query.interactionId });
    const rows = (await q) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ id: r.id, interactionId: r.interaction_id, startedAt: isoTime(r.started_at), endedAt: isoTime(r.ended_at), durationMs: r.duration_ms, sizeBytes: r.size_bytes }));
  });
  api.route({ method: 'get', path: '/api/recordings/:id', summary: 'Play or download a recording (WAV)', tag: 'recordings', roles: ['supervisor'], params: callParams, query: z.object({ download: z.stringbool().optional() }) }, async ({ params, query, res }) => {
    const row = (await deps.db('recordings').where({ id: params.id }).whereNull('deleted_at').first('path')) as { path: string } | undefined;
    const size = row ? statSync(row.path, { throwIfNoEntry: false })?.size : undefined;
    if (!row || size === undefined) throw new NotFound('recording not found');
    res.setHeader('Content-Type', 'audio/wav');
    res.setHeader('Content-Length', String(size));
    res.setHeader('Content-Disposition', `${query.download ? 'attachment' : 'inline'}; filename="${params.id}.wav"`);
    await new Promise<void>((resolve, reject) => createReadStream(row.path).on('error', reject).on('end', resolve).pipe(res));
  });
}
