import { createResponse, type ResponseOptions, type SipRequest } from './message';
import type { ServerTransaction } from './transaction/types';
import type { Flow } from './transport/types';

/** What admission steps learn about a request and pass down the chain. */
export interface RequestLocals {
  /** Set by trunk matching: the request came from this trunk's address. */
  trunkId?: string;
  /** Set by digest auth: the authenticated username. */
  authUser?: string;
  [key: string]: unknown;
}

export interface SipRequestContext {
  readonly message: SipRequest;
  readonly method: string;
  readonly uri: string;
  readonly source: Flow;
  readonly locals: RequestLocals;
  header(name: string): string | undefined;
}

export interface SipResponder {
  send(status: number, opts?: ResponseOptions): void;
  readonly finished: boolean;
}

/** drachtio-srf style admission step: enrich `req.locals` and call `next()`, or answer via `res`. */
export type SipMiddleware = (req: SipRequestContext, res: SipResponder, next: () => void) => void | Promise<void>;

export interface MiddlewareEntry {
  method: string | undefined;
  handler: SipMiddleware;
}

export function contextFor(tx: ServerTransaction): { req: SipRequestContext; res: SipResponder } {
  const message = tx.request;
  const req: SipRequestContext = {
    message,
    method: message.method,
    uri: message.uri,
    source: tx.flow,
    locals: {},
    header: (name) => message.headers.get(name),
  };
  const res: SipResponder = {
    send: (status, opts) => tx.respond(createResponse(message, status, opts)),
    get finished() {
      return tx.finalSent;
    },
  };
  return { req, res };
}

/**
 * Runs the steps matching the method in order, then `last` if none answered. A step that
 * throws or rejects gets the request a 500 rather than leaving the peer retransmitting.
 */
export function runChain(entries: readonly MiddlewareEntry[], req: SipRequestContext, res: SipResponder, last: () => void): void {
  const steps = entries.filter((e) => e.method === undefined || e.method === req.method);
  let index = 0;
  const fail = (): void => {
    if (!res.finished) res.send(500);
  };
  const next = (): void => {
    if (res.finished) return;
    const step = steps[index++];
    if (!step) {
      last();
      return;
    }
    try {
      const out = step.handler(req, res, next);
      if (out instanceof Promise) out.catch(fail);
    } catch {
      fail();
    }
  };
  next();
}
