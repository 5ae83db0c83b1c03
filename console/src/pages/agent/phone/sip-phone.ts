import { Inviter, Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import type { SipAccount } from './phone-api';
import { mediaConstraints } from './media-devices';
import { sdpHasVideo, type Registration } from './phone-state';
import { SipCall, type SipCallState } from './sip-call';

/** What an incoming INVITE says about itself; the ACD adds X-Interaction-Id and X-Queue. */
export interface IncomingInfo {
  remote: string;
  remoteName: string | null;
  interactionId: string | null;
  queue: string | null;
  video: boolean;
}

export interface SipPhoneHandlers {
  registration(state: Registration, problem?: string): void;
  incoming(call: SipCall, info: IncomingInfo): void;
  callState(call: SipCall, state: SipCallState): void;
  /** An outgoing call was refused (busy, not found...). */
  rejected(call: SipCall, status: number): void;
}

/** ws(s)://host + path on the page's own origin: the server carries SIP over WebSocket beside HTTP. */
export function sipWebSocketUrl(wsPath: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${wsPath}`;
}

const retryDelaysMs = [1000, 2000, 5000, 10_000, 30_000];

/**
 * The agent's SIP user agent: registers the extension with its HA1, hands incoming INVITEs to the
 * controller and places outgoing calls. Reconnects with back-off when the WebSocket drops.
 */
export class SipPhone {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private account: SipAccount | undefined;
  private stopping = false;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;

  constructor(private readonly handlers: SipPhoneHandlers) {}

  async start(account: SipAccount): Promise<void> {
    this.account = account;
    this.stopping = false;
    this.handlers.registration('connecting');
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${account.extension}@${account.domain}`),
      transportOptions: { server: account.wsUrl ?? sipWebSocketUrl(account.wsPath) },
      authorizationUsername: account.extension,
      authorizationHa1: account.ha1,
      displayName: account.extension,
      logBuiltinEnabled: false,
      userAgentString: 'cc-console-softphone',
      // Self-hosted: no public STUN server; host candidates reach the engine on the LAN.
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 1000, peerConnectionConfiguration: { iceServers: [] } },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => {
          if (!this.stopping && error) this.scheduleReconnect();
        },
      },
    });
    this.ua = ua;
    this.registerer = new Registerer(ua, { expires: 300 });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) {
        this.retries = 0;
        this.handlers.registration('registered');
      } else if (state === RegistererState.Unregistered && !this.stopping) this.handlers.registration('unregistered');
    });
    try {
      await ua.start();
      await this.register();
    } catch (err) {
      this.handlers.registration('failed', err instanceof Error ? err.message : String(err));
      this.scheduleReconnect();
    }
  }

  private async register(): Promise<void> {
    await this.registerer?.register({
      requestDelegate: { onReject: (r) => this.handlers.registration('failed', `${r.message.statusCode} ${r.message.reasonPhrase}`) },
    });
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.retryTimer) return;
    this.handlers.registration('connecting');
    const delay = retryDelaysMs[Math.min(this.retries, retryDelaysMs.length - 1)] ?? 30_000;
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const ua = this.ua;
      if (!ua || this.stopping) return;
      ua.reconnect()
        .then(() => this.register())
        .catch(() => this.scheduleReconnect());
    }, delay);
  }

  private onInvite(invitation: Invitation): void {
    const request = invitation.request;
    const video = sdpHasVideo(invitation.body);
    const call = new SipCall(`in-${this.nextId++}`, invitation, video, (c, s) => this.handlers.callState(c, s));
    const identity = invitation.remoteIdentity;
    this.handlers.incoming(call, {
      remote: identity.uri.user ?? '',
      remoteName: identity.displayName || null,
      interactionId: request.getHeader('X-Interaction-Id') ?? null,
      queue: request.getHeader('X-Queue') ?? null,
      video,
    });
  }

  /** Places a call from the agent's extension; the server routes extensions directly, numbers via the trunk. */
  dial(number: string, video = false): SipCall {
    const ua = this.ua;
    const domain = this.account?.domain;
    if (!ua || !domain) throw new Error('the softphone is not started');
    const target = UserAgent.makeURI(`sip:${number.replace(/#/g, '%23')}@${domain}`);
    if (!target) throw new Error(`cannot call ${number}`);
    const inviter = new Inviter(ua, target, { sessionDescriptionHandlerOptions: { constraints: mediaConstraints(video) } });
    const call = new SipCall(`out-${this.nextId++}`, inviter, video, (c, s) => this.handlers.callState(c, s));
    inviter
      .invite({ requestDelegate: { onReject: (r) => this.handlers.rejected(call, r.message.statusCode ?? 0) } })
      .catch(() => this.handlers.rejected(call, 0));
    return call;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.registerer?.unregister().catch(() => undefined);
    await this.ua?.stop().catch(() => undefined);
    this.ua = undefined;
    this.handlers.registration('idle');
  }
}
