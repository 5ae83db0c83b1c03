import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import pinoHttp from 'pino-http';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Readiness } from '../health';
import { Api } from './api';
import { errorHandler } from './errors';
import type { Sessions } from './session';

export interface HttpApp {
  app: Express;
  api: Api;
  /** Adds the static console and the closing handlers; call after every route is declared. */
  finish(): void;
}

export function createHttpApp(deps: { log: Logger; sessions: Sessions; readiness: Readiness; consoleDir: string; trustProxy: boolean }): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await deps.readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  });

  const router = express.Router();
  app.use(router);
  const api = new Api(router, deps.sessions);

  const finish = () => {
    app.get('/api/docs', (_req, res) => {
      res.json(api.openApi({ title: 'Contact centre API', version: '0.1.0' }));
    });
    app.use('/api', (req, res) => {
      res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.originalUrl}` } });
    });
    if (existsSync(deps.consoleDir)) {
      app.use(express.static(deps.consoleDir, { index: false, maxAge: '1h', setHeaders: noCacheHtml }));
      // The console is a single-page app: unknown non-API paths load its shell.
      app.get(/^\/(?!api\/|socket\.io\/).*/, (req, res, next) => {
        if (!req.accepts('html')) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(join(deps.consoleDir, 'index.html'));
      });
    }
    app.use((req, res) => {
      res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.originalUrl}` } });
    });
    app.use(errorHandler(deps.log));
  };
  return { app, api, finish };
}

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
