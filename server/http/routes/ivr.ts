import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import { businessHoursSchema } from '../../../core/calendar/business-hours';
import type { BusinessHoursService } from '../../../core/calendar/hours-service';
import type { Clock } from '../../../core/clock';
import { ValidationError } from '../../../core/errors';
import { flowSchema } from '../../../telephony/ivr/flow';
import type { FlowStore } from '../../../telephony/ivr/flow-store';
import { fetchLookup } from '../../../telephony/ivr/nodes/logic-nodes';
import type { PromptLibrary } from '../../../telephony/ivr/prompts';
import { runFlow } from '../../../telephony/ivr/runner';
import { SimulatedLeg } from '../../../telephony/ivr/simulated-leg';
import { readWav, toTelephonyPcm, wavHeader } from '../../../telephony/embedded/media';
import { idParams, type Api } from '../api';
import type { Logger } from 'pino';

const nameParams = z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const testRunSchema = z.object({
  caller: z.string().max(32).default('13800000000'),
  called: z.string().max(32).default('4008000000'),
  /** What the simulated caller does at each prompt that waits for keys. */
  script: z.array(z.union([z.object({ press: z.string().regex(/^[0-9*#]{1,32}$/) }), z.object({ silence: z.literal(true) }), z.object({ hangup: z.literal(true) })])).max(50),
  /** Run as if it were this moment (ISO, UTC), e.g. to try the out-of-hours branch. */
  at: z.iso.datetime().optional(),
});

export function ivrRoutes(api: Api, deps: { flows: FlowStore; hours: BusinessHoursService; prompts: PromptLibrary; clock: Clock; log: Logger; uploadDir: string }): void {
  const { flows, hours } = deps;
  const admin = ['admin'] as const;

  api.route({ method: 'get', path: '/api/ivr/flows', summary: 'Flows (newest versions) and their numbers', tag: 'ivr', roles: admin }, () => flows.list());
  api.route({ method: 'get', path: '/api/ivr/flows/:name', summary: 'The live version of a flow', tag: 'ivr', roles: admin, params: nameParams }, ({ params }) => flows.latest(params.name));
  api.route({ method: 'get', path: '/api/ivr/flows/:name/versions', summary: 'Version history of a flow', tag: 'ivr', roles: admin, params: nameParams }, ({ params }) => flows.versions(params.name));
  api.route(
    { method: 'get', path: '/api/ivr/flows/:name/versions/:version', summary: 'One saved version of a flow', tag: 'ivr', roles: admin, params: nameParams.extend({ version: z.coerce.number().int().positive() }) },
    ({ params }) => flows.version(params.name, params.version),
  );
  api.route({ method: 'post', path: '/api/ivr/flows', summary: 'Save a flow as its next version', tag: 'ivr', roles: admin, body: z.unknown(), status: 201 }, ({ body, user }) =>
    flows.save(body as z.input<typeof flowSchema>, user.id),
  );
  api.route(
    { method: 'put', path: '/api/ivr/numbers/:number', summary: 'Attach a dialled number to a flow', tag: 'ivr', roles: admin, params: z.object({ number: z.string().regex(/^\+?[0-9]{2,20}$/) }), body: z.object({ flow: nameParams.shape.name }) },
    async ({ params, body }) => {
      await flows.attachNumber(params.number, body.flow);
      return flows.list();
    },
  );
  api.route(
    { method: 'delete', path: '/api/ivr/numbers/:number', summary: 'Detach a number', tag: 'ivr', roles: admin, params: z.object({ number: z.string().regex(/^\+?[0-9]{2,20}$/) }) },
    async ({ params }) => {
      await flows.detachNumber(params.number);
    },
  );

  api.route({ method: 'post', path: '/api/ivr/test-run', summary: 'Run a flow (saved or draft) against a simulated caller', tag: 'ivr', roles: admin, body: testRunSchema.extend({ flow: z.unknown() }) }, async ({ body }) => {
    const parsed = flowSchema.safeParse(body.flow);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: ['body', 'flow', ...i.path.map(String)].join('.'), message: i.message }));
      throw new ValidationError(`invalid flow: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const leg = new SimulatedLeg(body.caller, body.called, body.script);
    const calendars = await hours.list();
    const at = body.at ? Date.parse(body.at) : deps.clock.now();
    const ctx = {
      flow: parsed.data,
      leg,
      caller: body.caller,
      called: body.called,
      variables: {},
      skills: {},
      priority: 0,
      path: [],
      prompts: deps.prompts,
      businessHours: (name: string) => calendars.find((c) => c.name === name),
      http: fetchLookup,
      clock: { now: () => at },
      log: deps.log,
    };
    const outcome = await runFlow(ctx);
    return { outcome, heard: leg.heard, path: ctx.path, variables: ctx.variables, skills: ctx.skills, priority: ctx.priority };
  });

  // Prompt upload: any common WAV, converted to 8 kHz mono 16-bit so every engine plays it as is.
  mkdirSync(deps.uploadDir, { recursive: true });
  api.route(
    { method: 'post', path: '/api/ivr/prompts/:file', summary: 'Upload a prompt (WAV body, audio/wav)', tag: 'ivr', roles: admin, params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{1,60}\.wav$/) }), status: 201 },
    async ({ params, req }) => {
      const raw = await readBody(req, 10 * 1024 * 1024);
      let pcm: Int16Array;
      try {
        pcm = toTelephonyPcm(readWav(raw));
      } catch (err) {
        throw new ValidationError(`not a readable WAV file: ${(err as Error).message}`, [{ path: 'body', message: 'not a WAV file' }]);
      }
      const out = Buffer.concat([wavHeader(8000, 1, pcm.length * 2), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]);
      writeFileSync(join(deps.uploadDir, params.file), out);
      return { file: params.file, seconds: pcm.length / 8000 };
    },
  );

  api.route({ method: 'get', path: '/api/business-hours', summary: 'Opening-hours calendars', tag: 'ivr', roles: ['agent'] }, () => hours.list());
  api.route({ method: 'put', path: '/api/business-hours', summary: 'Create or replace a calendar (by name)', tag: 'ivr', roles: admin, body: businessHoursSchema }, ({ body }) => hours.save(body));
  api.route({ method: 'delete', path: '/api/business-hours/:id', summary: 'Delete a calendar', tag: 'ivr', roles: admin, params: idParams }, async ({ params }) => {
    await hours.remove(params.id);
  });
}

function readBody(req: express.Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ValidationError('prompt too large (10 MB at most)'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
