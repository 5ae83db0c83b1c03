import { Inviter, SessionState, UserAgent, type Web } from 'sip.js';

// Entry of /widget-video.js: SIP.js for the widget's video call, loaded only when a visitor
// starts one, so the chat widget itself stays small. It sets `window.__ccWidgetVideo`.

export type VideoCallState = 'connecting' | 'ringing' | 'talking' | 'ended' | 'failed';

export interface VideoCallOptions {
  /** ws(s)://host/path of the server's SIP WebSocket. */
  wsUrl: string;
  username: string;
  password: string;
  realm: string;
  target: string;
  remote: HTMLVideoElement;
  local: HTMLVideoElement;
  onState(state: VideoCallState, detail?: string): void;
}

export interface VideoCallHandle {
  hangup(): Promise<void>;
}

export interface WidgetVideo {
  start(o: VideoCallOptions): Promise<VideoCallHandle>;
}

declare global {
  interface Window {
    __ccWidgetVideo?: WidgetVideo;
  }
}

function show(el: HTMLVideoElement, stream: MediaStream | undefined): void {
  el.srcObject = stream ?? null;
  el.play().catch(() => undefined); // muted video autoplays; the audio plays from the remote element too
}

async function start(o: VideoCallOptions): Promise<VideoCallHandle> {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${o.username}@${o.realm}`),
    transportOptions: { server: o.wsUrl },
    authorizationUsername: o.username,
    authorizationPassword: o.password,
    displayName: 'Web',
    logBuiltinEnabled: false,
    sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 2000 },
  });
  o.onState('connecting');
  await ua.start();
  const target = UserAgent.makeURI(`sip:${o.target}@${o.realm}`);
  if (!target) throw new Error('bad target');
  const inviter = new Inviter(ua, target, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: true } } });
  let over = false;
  const finish = (state: 'ended' | 'failed', detail?: string): void => {
    if (over) return;
    over = true;
    o.onState(state, detail);
    void ua.stop().catch(() => undefined);
  };
  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      // Unmuted: this element plays the agent's voice as well as showing the picture.
      o.remote.muted = false;
      show(o.remote, sdh?.remoteMediaStream);
      show(o.local, sdh?.localMediaStream);
      o.onState('talking');
    } else if (state === SessionState.Terminated) finish('ended');
  });
  await inviter.invite({
    requestDelegate: {
      onTrying: () => o.onState('ringing'),
      onReject: (r) => finish('failed', String(r.message.statusCode)),
    },
  });
  return {
    async hangup() {
      if (inviter.state === SessionState.Established) await inviter.bye();
      else if (inviter.state === SessionState.Initial || inviter.state === SessionState.Establishing) await inviter.cancel();
      finish('ended');
    },
  };
}

window.__ccWidgetVideo = { start };
