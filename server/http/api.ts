import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { roleAllows, type Role } from '../../core/auth/roles';
import { Forbidden, ValidationError } from '../../core/errors';
import { readCookie, sessionCookie, type SessionUser, type Sessions } from './session';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; 'public' needs no session. */
  roles: readonly Role[] | 'public';
  body?: B;
  query?: Q;
  params?: P;
  status?: number;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Present on every non-public route. */
  user: SessionUser;
  req: Request;
  res: Response;
  ip: string;
}

type AnySpec = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Express paths (`/api/users/:id`) in OpenAPI form (`/api/users/{id}`). */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parse<S extends Schema | undefined>(schema: S, value: unknown, where: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Infer<S>;
  const details = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  throw new ValidationError(`invalid ${details[0]?.path ?? where}: ${details[0]?.message ?? 'invalid'}`, details);
}

/**
 * The one way to declare an HTTP route: its schemas validate the request, its roles are checked
 * before the handler runs, and the same declaration feeds the OpenAPI document.
 */
export class Api {
  private readonly specs: AnySpec[] = [];

  constructor(
    private readonly router: Router,
    private readonly sessions: Sessions,
  ) {}

  route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
    spec: RouteSpec<B, Q, P>,
    handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown> | unknown,
  ): void {
    this.specs.push(spec as AnySpec);
    this.router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const user = spec.roles === 'public' ? (undefined as unknown as SessionUser) : await this.authorize(req, spec.roles);
        const ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>> = {
          body: parse(spec.body as B, req.body ?? {}, 'body'),
          query: parse(spec.query as Q, req.query, 'query'),
          params: parse(spec.params as P, req.params, 'params'),
          user,
          req,
          res,
          ip: req.ip ?? '',
        };
        const result = await handler(ctx);
        if (res.headersSent) return;
        if (result === undefined) res.status(204).end();
        else res.status(spec.status ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    });
  }

  async authorize(req: Request, roles: readonly Role[]): Promise<SessionUser> {
    const user = await this.sessions.verify(readCookie(req.headers.cookie, sessionCookie));
    if (!roleAllows(user.role, roles)) throw new Forbidden(`requires role ${roles.join(' or ')}`);
    return user;
  }

  /** OpenAPI 3.1, built from the same zod schemas that validate requests. */
  openApi(info: { title: string; version: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const parameters: unknown[] = [];
      for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
        if (!schema) continue;
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, s] of Object.entries(json.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
        }
      }
      const op: Record<string, unknown> = {
        summary: spec.summary,
        tags: [spec.tag],
        parameters,
        security: spec.roles === 'public' ? [] : [{ session: [] }],
        'x-roles': spec.roles,
        responses: { [String(spec.status ?? 200)]: { description: 'OK' }, default: { $ref: '#/components/responses/Error' } },
      };
      if (spec.body) {
        op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) } } };
      }
      (paths[openApiPath(spec.path)] ??= {})[spec.method] = op;
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookie } },
        responses: {
          Error: {
            description: 'Error',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
                },
              },
            },
          },
        },
      },
    };
  }
}

export const idParams = z.object({ id: z.coerce.number().int().positive() });
