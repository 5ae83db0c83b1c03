import type { Clock } from '../../../core/clock';
import type { CollectOptions, CollectResult, PlaySource } from '../../engine';
import { DtmfCollector, type CollectResult as MachineResult } from '../media/dtmf-collector';
import { playOn, type PlayHost } from './play';

/** What play-and-collect needs from the leg besides its audio. */
export interface CollectHost extends PlayHost {
  readonly clock: Clock;
  readonly ended: boolean;
}

function reasonOf(r: MachineResult, ended: boolean): CollectResult['reason'] {
  if (r.reason === 'max') return 'max_digits';
  if (r.reason === 'terminator') return 'terminator';
  if (r.reason === 'cancelled' && ended) return 'hangup';
  return 'timeout';
}

/**
 * Plays the prompt with barge-in (the first digit stops it and counts), then collects with
 * the pure DtmfCollector, arming one timer at a time at its next deadline.
 */
export function playCollect(host: CollectHost, sources: PlaySource[], options: CollectOptions): Promise<CollectResult> {
  const clock = host.clock;
  // A missing prompt file throws here, before any listener is installed.
  for (const s of sources) host.prompts.source(s);
  const machine = new DtmfCollector(
    {
      minDigits: options.minDigits,
      maxDigits: options.maxDigits,
      terminators: options.terminators,
      firstDigitTimeoutMs: options.firstDigitTimeoutMs,
      interDigitTimeoutMs: options.interDigitTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
    },
    clock.now(),
  );
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let prompting = sources.length > 0;
    const finish = (r: MachineResult): void => {
      if (timer) clearTimeout(timer);
      unsubscribe();
      unregister();
      if (prompting) host.audio.stop();
      resolve({ digits: r.digits, reason: reasonOf(r, host.ended) });
    };
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      if (prompting) return;
      const deadline = machine.nextDeadline();
      if (deadline === null) return;
      timer = setTimeout(() => {
        const r = machine.tick(clock.now());
        if (r) finish(r);
        else arm();
      }, Math.max(0, deadline - clock.now()));
    };
    const unsubscribe = host.subscribe((digit) => {
      const r = machine.onDigit(digit, clock.now());
      if (r) finish(r);
      else arm();
    });
    const unregister = host.onStop(() => finish(machine.cancel()));
    if (host.ended) {
      finish(machine.cancel());
      return;
    }
    if (!prompting) {
      arm();
      return;
    }
    playOn(host, sources, { interruptOn: true })
      .then(() => {
        prompting = false;
        if (machine.result) return;
        machine.restartTimers(clock.now());
        arm();
      })
      .catch(() => finish(machine.cancel()));
  });
}
