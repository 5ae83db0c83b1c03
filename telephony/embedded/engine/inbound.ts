import { randomUUID } from 'node:crypto';
import type { LegInfo, Party } from '../../engine';
import { parseSdp } from '../media/sdp';
import type { NameAddr } from '../sip/fields';
import type { IncomingCall } from '../sip/incoming-call';
import type { SipRequestContext } from '../sip/middleware';
import { parseUri } from '../sip/uri';
import { EmbeddedCallLeg, type LegContext } from './call-leg';

export function partyOf(na: NameAddr): Party {
  let user = '';
  try {
    user = parseUri(na.uri).user ?? '';
  } catch {
    // A URI scheme we cannot read still names a party; keep the raw URI.
  }
  return { user, uri: na.uri, ...(na.display ? { displayName: na.display } : {}) };
}

/** What the offer asks for: a browser profile (DTLS-SRTP) and whether video is wanted. */
export function describeOffer(sdp: string | undefined): { webrtc: boolean; video: boolean } {
  if (!sdp) return { webrtc: false, video: false };
  try {
    const sd = parseSdp(sdp);
    return {
      webrtc: sd.media.some((m) => m.port !== 0 && /SAVPF?$/.test(m.protocol)),
      video: sd.media.some((m) => m.type === 'video' && m.port !== 0),
    };
  } catch {
    return { webrtc: false, video: false };
  }
}

/** X- headers of the INVITE, lower-cased names, for IVR conditions and CRM lookups. */
function customHeaders(call: IncomingCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of call.request.headers.list()) if (name.startsWith('x-')) out[name] = value;
  return out;
}

/** A leg for an INVITE that passed admission; it waits in 'ringing' for the application. */
export function inboundLeg(ctx: LegContext, call: IncomingCall, req: SipRequestContext): EmbeddedCallLeg {
  const offer = describeOffer(call.sdp);
  const info: LegInfo = {
    id: randomUUID(),
    direction: 'inbound',
    from: partyOf(call.from),
    to: partyOf(call.to),
    sipCallId: call.callId,
    transport: offer.webrtc ? 'webrtc' : req.source.transport,
    // Video counts only where this engine carries it (WebRTC legs with relayable codecs); an
    // RTP/AVP video phone is answered audio-only (video m-line rejected) and so is a voice call.
    video: offer.video && (ctx.factoryFor(call.sdp ?? '')?.videoCodecs?.length ?? 0) > 0,
    headers: customHeaders(call),
    ...(req.locals.trunkId ? { trunkId: req.locals.trunkId } : {}),
  };
  return new EmbeddedCallLeg(ctx, info, call);
}
