import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Express, Request, Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Clock } from '../../../core/clock';
import { Forbidden, TooManyRequests, Unavailable } from '../../../core/errors';
import { type Site, type SiteService } from '../../../omnichannel/webim/sites';
import { isVisitorToken, tokenHash } from '../../../omnichannel/webim/visitors';
import type { GuestCallers } from '../../../telephony/embedded/sip/guest-callers';
import { RateLimiter } from '../../../core/rate-limit';
import { idParams, type Api } from '../api';
import { siteOfRequest } from './site-request';

export interface WebVideoDeps {
  db: Knex;
  clock: Clock;
  sites: SiteService;
  /** The embedded engine's guest table; absent (FreeSWITCH engine): web video calls are off. */
  guests: GuestCallers | undefined;
  /** Where SIP over WebSocket listens on this server, e.g. /sip. */
  wsPath: string;
  /** dist/widget, where the lazily loaded SIP.js bundle (widget-video.js) is built. */
  widgetDir: string;
}

export const videoSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The IVR number the widget dials; its flow should queue on a queue taking `video`. */
  number: z.string().trim().regex(/^[0-9]{1,32}$/, 'digits only'),
});
export type VideoSettings = z.infer<typeof videoSettingsSchema>;

const siteParams = z.object({ site: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/, 'not a site token') });

async function settingsOf(db: Knex, siteId: number): Promise<VideoSettings | undefined> {
  const row = (await db('webim_site_video').where({ site_id: siteId }).first('enabled', 'number')) as { enabled: number | boolean; number: string } | undefined;
  return row ? { enabled: Boolean(row.enabled), number: row.number } : undefined;
}

/**
 * Video calls from the chat widget. An anonymous visitor has no SIP account, so the server hands
 * out a credential that can do one thing once: within 2 minutes, place one INVITE to the site's
 * video number (telephony/embedded/sip/guest-callers.ts). What authorises it is what authorises
 * the chat: an active site token, an Origin the site allows, and the admin having enabled video;
 * the visitor token keys the one-credential-per-visitor rule, the source address a rate limit.
 */
export function webVideoRoutes(api: Api, app: Express, deps: WebVideoDeps): void {
  const { db, sites, guests } = deps;
  // A burst of 5 per address, then one a minute: a visitor retries, a script does not get far.
  const perAddress = new RateLimiter(5, 1 / 60, deps.clock, 10_000);
  const admin = ['admin'] as const;

  const siteFor = (token: string, req: Request, res: Response): Promise<Site> => siteOfRequest(sites, token, req, res);

  api.route({ method: 'get', path: '/api/webim/sites/:id/video', summary: 'Video calls from this site’s widget', tag: 'webim', roles: admin, params: idParams }, async ({ params }) => {
    await sites.get(params.id);
    return (await settingsOf(db, params.id)) ?? { enabled: false, number: '' };
  });

  api.route({ method: 'put', path: '/api/webim/sites/:id/video', summary: 'Turn widget video calls on or off and set the number they dial', tag: 'webim', roles: admin, params: idParams, body: videoSettingsSchema }, async ({ params, body }) => {
    await sites.get(params.id);
    const row = { enabled: body.enabled, number: body.number, updated_at: new Date(deps.clock.now()) };
    const updated = await db('webim_site_video').where({ site_id: params.id }).update(row);
    if (updated === 0) await db('webim_site_video').insert({ site_id: params.id, ...row });
    return body;
  });

  api.route({ method: 'get', path: '/api/webim/public/:site/video', summary: 'Whether the widget offers a video call', tag: 'webim-public', roles: 'public', params: siteParams }, async ({ params, req, res }) => {
    const site = await siteFor(params.site, req, res);
    const settings = await settingsOf(db, site.id);
    return { enabled: Boolean(settings?.enabled && guests), wsPath: deps.wsPath };
  });

  api.route(
    { method: 'post', path: '/api/webim/public/:site/video-call', summary: 'A single-use SIP credential (2 minutes) to call the site’s video number', tag: 'webim-public', roles: 'public', params: siteParams, status: 201 },
    async ({ params, req, res, ip }) => {
      const site = await siteFor(params.site, req, res);
      const visitor = req.headers['x-visitor-token'];
      if (typeof visitor !== 'string' || !isVisitorToken(visitor)) throw new Forbidden('a visitor token is required');
      const settings = await settingsOf(db, site.id);
      if (!settings?.enabled || !guests) throw new Unavailable('video calls are not offered on this site');
      if (!perAddress.take(ip)) throw new TooManyRequests('too many video calls from this address; wait a minute');
      const c = guests.issue(`site${site.id}:${tokenHash(visitor)}`, settings.number);
      res.setHeader('Cache-Control', 'no-store');
      return { username: c.username, password: c.password, realm: c.realm, target: c.target, expiresAt: new Date(c.expiresAt).toISOString(), wsPath: deps.wsPath };
    },
  );

  // SIP.js for the widget, loaded only when a visitor starts a video call (widget.js stays small).
  app.get('/widget-video.js', (_req, res) => {
    const file = join(deps.widgetDir, 'video.js');
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send('the widget is not built: run npm run build');
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/javascript; charset=utf-8').sendFile(file);
  });
}
