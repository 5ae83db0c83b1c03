import type { Logger } from 'pino';
import type { Registrar } from '../embedded/sip/registrar';
import type { SrfRequest, SrfResponse } from './drachtio-types';
import { adaptRequest } from './sip-adapter';

/**
 * REGISTER from drachtio-server into the embedded engine's pure Registrar (digest against the
 * agents' HA1, RFC 3261 §10.3 binding rules): one registrar implementation for both engines.
 * Each binding keeps the flow it came on, which is how originate reaches browsers and NATed phones.
 */
export function registerHandler(registrar: Registrar, log: Logger): (req: SrfRequest, res: SrfResponse) => void {
  const handle = registrar.middleware();
  return (req, res) => {
    const adapted = adaptRequest(req, res);
    if (!adapted) {
      res.send(400);
      return;
    }
    Promise.resolve(handle(adapted.ctx, adapted.responder, () => undefined)).catch((err: unknown) => {
      log.warn({ err }, 'REGISTER failed');
      if (!res.finalResponseSent) res.send(500);
    });
  };
}
