import { within } from './esl-call';
import type { FsEndpoint, FsMediaServer, SrfDialog, SrfRequest, SrfResponse } from './drachtio-types';
import type { FsLegContext } from './leg-context';

/** DTLS-SRTP offers (browsers) need FreeSWITCH's answer before the handshake can start. */
export function isWebrtcOffer(sdp: string): boolean {
  return /^m=audio\s+\d+\s+UDP\/TLS\/RTP\/SAVPF?/m.test(sdp) || /^m=audio\s+\d+\s+RTP\/SAVPF/m.test(sdp);
}

interface Answering {
  readonly ctx: FsLegContext;
  readonly ended: boolean;
}

/**
 * Answers an inbound INVITE through FreeSWITCH: a channel for the caller's offer first (the
 * dialplan answers it and hands it to our outbound socket), then 200 OK with its SDP. Plain RTP
 * goes step by step so a CANCEL in between releases the channel; WebRTC offers use fsmrf's
 * connectCaller, which interleaves the two for the DTLS handshake.
 */
export async function answerInbound(leg: Answering, ms: FsMediaServer, req: SrfRequest, res: SrfResponse): Promise<{ endpoint: FsEndpoint; dialog: SrfDialog }> {
  const ctx = leg.ctx;
  const limit = ctx.commandTimeoutMs * 2;
  if (isWebrtcOffer(req.body)) {
    const pair = await within(ms.connectCaller(req, res, { headers: ctx.mediaHeaders() }), limit, 'connectCaller');
    ctx.endpointOpened(pair.endpoint);
    return pair;
  }
  const endpoint = await within(ms.createEndpoint({ remoteSdp: req.body, headers: ctx.mediaHeaders() }), limit, 'createEndpoint');
  ctx.endpointOpened(endpoint);
  if (leg.ended) return { endpoint, dialog: cancelledDialog(endpoint) };
  try {
    const dialog = await ctx.srf.createUAS(req, res, { localSdp: endpoint.local.sdp });
    return { endpoint, dialog };
  } catch (err) {
    await within(endpoint.destroy(), ctx.commandTimeoutMs, 'endpoint destroy').catch(() => undefined);
    ctx.endpointClosed(endpoint);
    throw err;
  }
}

/** The caller cancelled while FreeSWITCH was answering: the FreeSWITCH side is all there is. */
function cancelledDialog(endpoint: FsEndpoint): SrfDialog {
  return endpoint.dialog;
}
