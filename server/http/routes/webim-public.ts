import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock';
import { Forbidden, TooManyRequests, ValidationError } from '../../../core/errors';
import { RateLimiter } from '../../../core/rate-limit';
import type { ContactService } from '../../../core/contacts/contact-service';
import type { TicketService } from '../../../core/tickets/ticket-service';
import type { AttachmentStore } from '../../../omnichannel/conversations/attachments';
import type { ConversationService } from '../../../omnichannel/conversations/conversation-service';
import { type PublicSite, type Site, type SiteService } from '../../../omnichannel/webim/sites';
import type { VisitorService } from '../../../omnichannel/webim/visitors';
import type { Api } from '../api';
import { allowOrigin, siteOfRequest } from './site-request';
import { readUpload, uploadQuery } from './webim';

const siteParams = z.object({ site: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/, 'not a site token') });
const visitorHeader = 'x-visitor-token';

export interface PublicDeps {
  sites: SiteService;
  visitors: VisitorService;
  conversations: ConversationService;
  attachments: AttachmentStore;
  tickets: TicketService;
  contacts: ContactService;
  isOpen: (site: Site) => Promise<boolean>;
  clock: Clock;
}

/**
 * The widget's HTTP side, public: site configuration, the offline form (a ticket), uploads, and
 * attachment downloads for the parties of the conversation only.
 */
export function webimPublicRoutes(api: Api, app: Express, deps: PublicDeps): void {
  const { sites, conversations } = deps;
  // The offline form is public and writes tickets: a customer may send a few, a script gets nowhere.
  const offlinePerAddress = new RateLimiter(5, 1 / 60, deps.clock, 10_000);

  const siteFor = (token: string, req: Request, res: Response): Promise<Site> => siteOfRequest(sites, token, req, res);

  app.options(/^\/api\/(webim\/public|attachments)\//, (req, res) => {
    allowOrigin(res, req.headers.origin);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', `content-type, ${visitorHeader}`);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  });

  api.route({ method: 'get', path: '/api/webim/public/:site/config', summary: 'What the widget shows for this site', tag: 'webim-public', roles: 'public', params: siteParams }, async ({ params, req, res }): Promise<PublicSite> => {
    const site = await siteFor(params.site, req, res);
    return { name: site.name, preChatFields: site.preChatFields, greeting: site.greeting, requireIdentity: site.requireIdentity, botEnabled: site.botEnabled, open: await deps.isOpen(site) };
  });

  api.route(
    {
      method: 'post',
      path: '/api/webim/public/:site/offline',
      summary: 'Offline form: leave a message, which becomes a ticket',
      tag: 'webim-public',
      roles: 'public',
      params: siteParams,
      status: 201,
      body: z.object({ name: z.string().trim().max(128).default(''), phone: z.string().trim().max(64).default(''), email: z.union([z.email(), z.literal('')]).default(''), question: z.string().trim().min(1).max(5000) }).refine((b) => b.phone || b.email, { message: 'give a phone number or an email address', path: ['email'] }),
    },
    async ({ params, body, req, res, ip }) => {
      const site = await siteFor(params.site, req, res);
      if (!offlinePerAddress.take(ip)) throw new TooManyRequests('too many messages from this address; wait a minute');
      const identity = body.email ? { kind: 'email' as const, value: body.email.toLowerCase() } : { kind: 'phone' as const, value: body.phone };
      const { contact } = await deps.contacts.findOrCreate(identity.kind, identity.value, { ...(body.name ? { name: body.name } : {}), ...(body.phone ? { phone: body.phone } : {}), ...(body.email ? { email: body.email } : {}) });
      const ticket = await deps.tickets.create(
        { subject: body.question.replace(/\s+/g, ' ').slice(0, 80), description: `${body.question}\n\n— ${body.name || '?'} ${body.phone} ${body.email} (${site.name})`, source: 'offline_form', contactId: contact.id },
        null,
      );
      return { ticketId: ticket.id };
    },
  );

  api.route(
    { method: 'post', path: '/api/webim/public/:site/attachments', summary: 'Upload a file into the visitor’s open chat (raw body, ?name=)', tag: 'webim-public', roles: 'public', params: siteParams, query: uploadQuery, status: 201 },
    async ({ params, query, req, res }) => {
      const site = await siteFor(params.site, req, res);
      const visitor = await deps.visitors.byToken(String(req.headers[visitorHeader] ?? ''));
      if (!visitor || visitor.siteId !== site.id || visitor.contactId === null) throw new Forbidden('start a chat before sending files');
      const c = await conversations.resume(visitor.contactId, site.id);
      if (!c) throw new Forbidden('start a chat before sending files');
      const data = await readUpload(req);
      const a = await deps.attachments.save(c.id, { filename: query.name, declaredMime: String(req.headers['content-type'] ?? ''), data, uploadedBy: 'customer' });
      return { id: a.id, filename: a.filename, mime: a.mime, size: a.size };
    },
  );

  api.route({ method: 'get', path: '/api/attachments/:id', summary: 'A chat attachment: for the customer (x-visitor-token) or staff', tag: 'webim-public', roles: 'public', params: z.object({ id: z.string().uuid() }) }, async ({ params, req, res }) => {
    const a = await conversations.attachmentFor(params.id).catch(() => {
      throw new Forbidden('not yours to see'); // the same answer whether it exists or not
    });
    const token = req.headers[visitorHeader];
    if (typeof token === 'string' && token) {
      const visitor = await deps.visitors.byToken(token);
      if (!visitor || visitor.contactId === null || visitor.contactId !== a.contactId) throw new Forbidden('not yours to see');
      allowOrigin(res, req.headers.origin);
    } else {
      await api.authorize(req, ['agent']).catch(() => {
        throw new Forbidden('not yours to see');
      });
    }
    res.setHeader('Content-Type', a.mime);
    res.setHeader('Content-Disposition', `${a.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=3600');
    await new Promise<void>((ok, fail) => res.sendFile(a.path, (err) => (err ? fail(new ValidationError('attachment file missing')) : ok())));
  });
}
