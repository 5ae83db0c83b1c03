import { parseVia } from '../fields';
import { MAGIC_COOKIE, callIdOf, cseqOf, fromOf, tagOf, type SipMessage, type SipRequest } from '../message';

/**
 * Server transaction key (RFC 3261 §17.2.3): branch + sent-by + method, with ACK folded onto
 * INVITE. Requests from RFC 2543 peers (no magic cookie) fall back to the dialog-ish tuple.
 */
export function serverKey(req: SipRequest): string {
  const via = parseVia(req.headers.get('via') ?? '');
  const method = req.method === 'ACK' ? 'INVITE' : req.method;
  const branch = via.params.get('branch') ?? '';
  const sentBy = `${via.host}:${via.port ?? ''}`;
  if (branch.startsWith(MAGIC_COOKIE)) return `s|${branch}|${sentBy}|${method}`;
  const cseq = cseqOf(req);
  return `s2543|${req.uri}|${tagOf(fromOf(req)) ?? ''}|${callIdOf(req)}|${cseq.seq}|${req.headers.get('via') ?? ''}|${method}`;
}

/** Client transaction key (§17.1.3): our branch + the CSeq method. */
export function clientKey(msg: SipMessage): string {
  const via = parseVia(msg.headers.get('via') ?? '');
  const method = cseqOf(msg).method;
  return `c|${via.params.get('branch') ?? ''}|${method === 'ACK' ? 'INVITE' : method}`;
}

/** The INVITE server transaction a CANCEL targets (§9.2): same key, method INVITE. */
export function inviteKeyForCancel(cancel: SipRequest): string {
  return serverKey({ ...cancel, method: 'INVITE' });
}
