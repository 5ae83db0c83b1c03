import { randomUUID } from 'node:crypto';
import type { EslChannel, FsEndpoint, FsMediaServer, Srf, SrfDialog } from './drachtio-types';
import { FsCommandError, within } from './esl-call';

/** A FreeSWITCH channel made for a callee's offer: its answer now, the endpoint once media is up. */
export interface OfferedChannel {
  /** FreeSWITCH's answer, for the callee's ACK. */
  readonly answer: string;
  /** Resolves once the channel's event socket is ready (after the DTLS handshake for WebRTC). */
  readonly endpoint: Promise<FsEndpoint>;
  /** Hangs FreeSWITCH's side up when the callee never completes. */
  abandon(): Promise<void>;
}

export interface OfferDeps {
  readonly ms: FsMediaServer;
  readonly srf: Srf;
  readonly createEndpoint: (conn: EslChannel, dialog: SrfDialog, ms: FsMediaServer) => FsEndpoint;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
}

/**
 * Calling a browser: FreeSWITCH cannot write a DTLS-SRTP offer for a channel before its dialplan
 * runs (3pcc offers are plain RTP), so the browser is sent an INVITE without SDP, offers in its
 * 200 OK, and FreeSWITCH answers that offer. The channel's event socket may connect only after
 * the DTLS handshake, which needs the browser to hold the answer first: so the answer comes back
 * at once and the endpoint later. These are the steps of fsmrf's connectCaller, for a callee.
 */
export async function offerToFreeswitch(deps: OfferDeps, offer: string): Promise<OfferedChannel> {
  const { ms, srf, timeoutMs } = deps;
  const address = ms.sip.ipv4.udp.address;
  if (!address) throw new FsCommandError('media server has no SIP address yet');
  const uuid = randomUUID();
  const pending: { conn?: EslChannel; fn?: (conn: EslChannel) => void } = {};
  ms.pendingConnections.set(uuid, pending);
  let dialog: SrfDialog;
  try {
    dialog = await within(
      srf.createUAC(`sip:drachtio@${address}`, {
        localSdp: offer,
        headers: { ...deps.headers, 'User-Agent': `drachtio-fsmrf:${uuid}`, 'X-esl-outbound': `${ms.advertisedAddress}:${ms.advertisedPort}` },
      }),
      timeoutMs,
      'INVITE to FreeSWITCH',
    );
  } catch (err) {
    ms.pendingConnections.delete(uuid);
    throw err;
  }
  const socket = new Promise<EslChannel>((resolve) => {
    if (pending.conn) {
      ms.pendingConnections.delete(uuid);
      resolve(pending.conn);
    } else {
      pending.fn = resolve;
    }
  });
  const ready = socket.then(
    (conn) =>
      new Promise<FsEndpoint>((resolve) => {
        const endpoint = deps.createEndpoint(conn, dialog, ms);
        endpoint.once('ready', () => resolve(endpoint));
      }),
  );
  const endpoint = within(ready, timeoutMs * 2, 'channel after DTLS handshake').catch(async (err: unknown) => {
    ms.pendingConnections.delete(uuid);
    await dialog.destroy().catch(() => undefined);
    throw err;
  });
  endpoint.catch(() => undefined); // the caller may abandon the call and never await it
  return {
    answer: dialog.remote.sdp,
    endpoint,
    abandon: async () => {
      ms.pendingConnections.delete(uuid);
      await dialog.destroy().catch(() => undefined);
    },
  };
}
