import type { Request, Response } from 'express';
import { Forbidden, NotFound } from '../../../core/errors';
import { originAllowed, type Site, type SiteService } from '../../../omnichannel/webim/sites';

/** Lets the host page call us cross-origin; the widget authenticates with headers, never cookies. */
export function allowOrigin(res: Response, origin: string | undefined): void {
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
}

/** The enabled site a public widget request names, from a page the site allows to embed it. */
export async function siteOfRequest(sites: SiteService, token: string, req: Request, res: Response): Promise<Site> {
  const site = await sites.byToken(token);
  if (!site) throw new NotFound('unknown or disabled site token');
  const origin = req.headers.origin;
  if (!originAllowed(site, origin, req.headers.host)) throw new Forbidden('this page may not embed the widget');
  allowOrigin(res, origin);
  return site;
}
