import { EventEmitter } from 'node:events';
import type { CallLeg, CollectOptions, CollectResult, HangupCause, LegEvents, LegInfo, PlayResult, PlaySource, RecordingControl } from '../engine';

/** One thing the simulated caller does when the flow next waits for input. */
export type CallerAction = { press: string } | { silence: true } | { hangup: true };

/**
 * A caller made of a script, for the console's "test-run" of a flow: no audio, no network.
 * It implements the leg operations an IVR uses and records what the caller would have heard.
 */
export class SimulatedLeg extends EventEmitter<LegEvents> implements CallLeg {
  readonly info: LegInfo;
  state: CallLeg['state'] = 'answered';
  readonly heard: string[] = [];
  private script: CallerAction[];

  constructor(caller: string, called: string, script: CallerAction[]) {
    super();
    this.script = [...script];
    this.info = {
      id: 'simulated',
      direction: 'inbound',
      from: { user: caller, uri: `sip:${caller}@simulated` },
      to: { user: called, uri: `sip:${called}@simulated` },
      sipCallId: 'simulated',
      transport: 'udp',
      video: false,
      headers: {},
    };
  }

  async ring(): Promise<void> {}
  async answer(): Promise<void> {}
  async reject(): Promise<void> {
    this.end('call_rejected');
  }

  async play(sources: PlaySource[]): Promise<PlayResult> {
    this.listen(sources);
    return { stopped: this.state === 'ended' };
  }

  async playCollect(sources: PlaySource[], options: CollectOptions): Promise<CollectResult> {
    this.listen(sources);
    if (this.state === 'ended') return { digits: '', reason: 'hangup' };
    const action = this.script.shift() ?? { hangup: true };
    if ('hangup' in action) {
      this.end('normal_clearing');
      return { digits: '', reason: 'hangup' };
    }
    if ('silence' in action) return { digits: '', reason: 'timeout' };
    let digits = '';
    for (const d of action.press) {
      if (options.terminators?.includes(d)) return { digits, reason: 'terminator' };
      digits += d;
      if (digits.length >= options.maxDigits) return { digits, reason: 'max_digits' };
    }
    return { digits, reason: 'timeout' };
  }

  stopMedia(): void {}
  async sendDtmf(): Promise<void> {}
  async record(path: string): Promise<RecordingControl> {
    return { path, pause: () => undefined, resume: () => undefined, stop: async () => ({ durationMs: 0, pausedIntervals: [] }) };
  }
  async hold(): Promise<void> {}
  async unhold(): Promise<void> {}
  async hangup(cause: HangupCause = 'normal_clearing'): Promise<void> {
    this.end(cause);
  }

  private listen(sources: PlaySource[]): void {
    for (const s of sources) this.heard.push(s.kind === 'file' ? s.path.split('/').slice(-2).join('/') : s.kind);
  }

  private end(cause: HangupCause): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.emit('ended', { cause, side: 'remote' });
  }
}
