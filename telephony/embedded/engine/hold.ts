import type { Logger } from 'pino';
import type { Dialog } from '../sip/dialog';
import type { ReInviteEvent } from '../sip/dialog-events';
import type { FrameSource } from '../media/frame';
import type { LegAudio } from './leg-audio';
import type { NegotiatedMedia } from './media';

/** Hold state of one answered leg and its re-INVITEs in both directions. */
export class HoldControl {
  private music: FrameSource | null = null;

  constructor(
    private readonly dialog: Dialog,
    private readonly media: NegotiatedMedia,
    private readonly audio: LegAudio,
    private readonly makeMusic: () => FrameSource,
    private readonly log: Logger,
  ) {
    dialog.on('reinvite', (ev) => this.onReinvite(ev));
  }

  get held(): boolean {
    return this.music !== null;
  }

  /**
   * re-INVITE with a=sendonly (RFC 3264 §8.4) and music to the far end. Its voice leaves the
   * room while held, so the other party hears silence, not the held party's room noise.
   */
  async hold(): Promise<void> {
    if (this.music) return;
    await this.dialog.reinvite(this.media.reoffer('sendonly'));
    const music = this.makeMusic();
    this.music = music;
    this.audio.muted = true;
    this.audio.play(music, () => {
      if (this.music === music) this.music = null;
    });
  }

  async unhold(): Promise<void> {
    const music = this.music;
    if (!music) return;
    await this.dialog.reinvite(this.media.reoffer('sendrecv'));
    this.music = null;
    this.audio.muted = false;
    this.audio.stop(music);
  }

  /** The far end renegotiates (its own hold, a new address or codec); no offer: repeat ours. */
  private onReinvite(ev: ReInviteEvent): void {
    if (!ev.sdp) {
      ev.accept(this.media.reoffer(this.held ? 'sendonly' : 'sendrecv'));
      return;
    }
    try {
      ev.accept(this.media.answerReoffer(ev.sdp));
    } catch (err) {
      this.log.warn({ err }, 're-INVITE offer refused');
      ev.reject(488);
    }
  }
}
