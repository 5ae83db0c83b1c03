import { randomUUID } from 'node:crypto';
import type { LegInfo, Party } from '../engine';
import type { DigestAuthenticator } from '../embedded/sip/auth';
import type { SipRequest } from '../embedded/sip/message';
import { isWebrtcOffer } from './answer';
import { trunkOfSource, userOf } from './dial';
import type { NameAddrHeader, SrfRequest, SrfResponse } from './drachtio-types';
import type { PeerTrunk } from './options';
import { flatHeaders, parseSrfRequest, transportOf } from './sip-adapter';

export function partyOf(h: NameAddrHeader): Party {
  return { user: userOf(h.uri), uri: h.uri, ...(h.name ? { displayName: h.name.replace(/^"|"$/g, '') } : {}) };
}

/** X- headers of the INVITE, lower-cased names, for IVR conditions and CRM lookups. */
export function customHeaders(message: SipRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of message.headers.list()) if (name.startsWith('x-')) out[name] = value;
  return out;
}

export function legInfoOf(req: SrfRequest, message: SipRequest, trunkId: string | undefined): LegInfo {
  return {
    id: randomUUID(),
    direction: 'inbound',
    from: partyOf(req.getParsedHeader('from')),
    to: partyOf(req.getParsedHeader('to')),
    sipCallId: req.get('Call-ID') ?? '',
    transport: isWebrtcOffer(req.body) ? 'webrtc' : transportOf(req.protocol),
    video: /^m=video\s+[1-9]/m.test(req.body),
    headers: customHeaders(message),
    ...(trunkId ? { trunkId } : {}),
  };
}

export type Admission = { ok: true; message: SipRequest; trunkId?: string } | { ok: false };

/**
 * Who may place a call: a peer trunk (by source address) as is, anyone else with digest
 * credentials of an agent (407 challenge, as the embedded engine does). Answers the refusals.
 */
export async function admit(
  req: SrfRequest,
  res: SrfResponse,
  trunks: readonly PeerTrunk[],
  auth: DigestAuthenticator | undefined,
): Promise<Admission> {
  const message = parseSrfRequest(req.raw);
  if (!message) {
    res.send(400);
    return { ok: false };
  }
  const trunk = trunkOfSource(trunks, req.source_address);
  if (trunk) return { ok: true, message, trunkId: trunk.id };
  if (auth) {
    const outcome = await auth.verify(message, req.source_address);
    if (!outcome.ok) {
      res.send(outcome.status, outcome.reason ?? '', { headers: flatHeaders(outcome.headers) });
      return { ok: false };
    }
  }
  return { ok: true, message };
}
