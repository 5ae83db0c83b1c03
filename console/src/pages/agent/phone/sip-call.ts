import { Invitation, Inviter, SessionState, type Session, type Web } from 'sip.js';
import { mediaConstraints } from './media-devices';

export type SipCallState = 'ringing' | 'dialling' | 'established' | 'terminated';

/**
 * One SIP.js session with the things a softphone does to it: answer, hang up, mute, DTMF, hold by
 * re-INVITE, video on/off and a change of microphone. Call-centre logic lives in the controller.
 */
export class SipCall {
  /** Same constraints on every offer/answer, so SIP.js reuses the local stream instead of asking again. */
  private constraints: MediaStreamConstraints;

  constructor(
    readonly id: string,
    readonly session: Session,
    video: boolean,
    onState: (call: SipCall, state: SipCallState) => void,
  ) {
    this.constraints = mediaConstraints(video);
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) onState(this, 'established');
      if (state === SessionState.Terminated) onState(this, 'terminated');
    });
  }

  get direction(): 'inbound' | 'outbound' {
    return this.session instanceof Invitation ? 'inbound' : 'outbound';
  }

  private get handler(): Web.SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  }

  get remoteStream(): MediaStream | undefined {
    return this.handler?.remoteMediaStream;
  }

  get localStream(): MediaStream | undefined {
    return this.handler?.localMediaStream;
  }

  /** True when video was negotiated (a video track arrived from the far end). */
  get hasRemoteVideo(): boolean {
    return (this.remoteStream?.getVideoTracks().length ?? 0) > 0;
  }

  async answer(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('only an incoming call can be answered');
    await this.session.accept({ sessionDescriptionHandlerOptions: { constraints: this.constraints } });
  }

  /** Declines a ringing call with 486 Busy Here, so the ACD counts it as a miss at once. */
  async decline(): Promise<void> {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) await this.session.reject({ statusCode: 486 });
    else await this.hangup();
  }

  async hangup(): Promise<void> {
    const s = this.session;
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) await s.cancel();
    else if (s instanceof Invitation && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) await s.reject();
  }

  private senders(kind: 'audio' | 'video'): RTCRtpSender[] {
    return this.handler?.peerConnection?.getSenders().filter((s) => s.track?.kind === kind) ?? [];
  }

  /** Mute keeps the stream flowing (silence), so the far end's jitter buffer and timers stay happy. */
  setMuted(muted: boolean): void {
    for (const s of this.senders('audio')) if (s.track) s.track.enabled = !muted;
  }

  setVideoSending(on: boolean): void {
    for (const s of this.senders('video')) if (s.track) s.track.enabled = on;
  }

  /** RFC 4733 through the browser's DTMF sender; SIP INFO where the far end negotiated no telephone-event. */
  async sendDtmf(tone: string): Promise<void> {
    if (this.handler?.sendDtmf(tone, { duration: 100, interToneGap: 70 })) return;
    await this.session.info({
      requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } },
    });
  }

  /** Hold by re-INVITE (a=sendonly), for calls the ACD does not control (click-to-dial). */
  async reinviteHold(hold: boolean): Promise<void> {
    const options: Web.SessionDescriptionHandlerOptions = { constraints: this.constraints, hold };
    await new Promise<void>((resolve, reject) => {
      this.session
        .invite({
          sessionDescriptionHandlerOptions: options,
          requestDelegate: { onAccept: () => resolve(), onReject: (r) => reject(new Error(`re-INVITE refused: ${r.message.statusCode}`)) },
        })
        .catch(reject);
    });
  }

  /** Swaps the track being sent for one from another device, without renegotiating. */
  async switchDevice(kind: 'audio' | 'video', deviceId: string, enabled: boolean): Promise<void> {
    const senders = this.senders(kind);
    if (senders.length === 0) return;
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: deviceId ? { deviceId: { exact: deviceId } } : true });
    const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) return;
    track.enabled = enabled;
    for (const sender of senders) {
      const old = sender.track;
      await sender.replaceTrack(track);
      old?.stop();
    }
    this.constraints = { ...this.constraints, [kind]: deviceId ? { deviceId: { exact: deviceId } } : true };
  }
}
