import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../core/errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'ENOTFOUND',
]);

/** A database or Redis that went away is "try again later", not a bug. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; errors?: unknown[] };
  if (e?.name === 'KnexTimeoutError') return true;
  if (e?.code && unavailableCodes.has(e.code)) return true;
  return Array.isArray(e?.errors) && e.errors.some(isUnavailable); // AggregateError from dual-stack connects
}

/** The one JSON error shape: { error: { code, message, details? } }. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let body: ErrorBody = { error: { code: 'internal', message: 'internal error' } };
    const bodyParserError = err as { type?: string; status?: number };
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
    } else if (bodyParserError?.type === 'entity.parse.failed') {
      status = 400;
      body = { error: { code: 'invalid_json', message: 'request body is not valid JSON' } };
    } else if (bodyParserError?.type === 'entity.too.large') {
      status = 413;
      body = { error: { code: 'too_large', message: 'request body too large' } };
    } else if (isUnavailable(err)) {
      status = 503;
      body = { error: { code: 'unavailable', message: 'a backing service is unavailable, try again shortly' } };
    }
    if (status >= 500) req.log?.error({ err }, 'request failed');
    else (req.log ?? log).debug({ err: (err as Error).message, status }, 'request refused');
    if (status === 429 && err instanceof AppError && typeof err.details === 'number') res.setHeader('Retry-After', String(err.details));
    res.status(status).json(body);
  };
}
