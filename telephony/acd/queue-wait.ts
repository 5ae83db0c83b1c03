import type { CallLeg } from '../engine';
import type { Locale, PromptLibrary } from '../ivr/prompts';
import { isEnded } from './leg-state';

export type WaitEnd = { kind: 'connected' } | { kind: 'callback' } | { kind: 'voicemail' } | { kind: 'hangup' } | { kind: 'stopped' };

export interface WaitControl {
  /** Ends the wait (an agent answered, or the router gave up on the caller). */
  stop(): void;
  done: Promise<WaitEnd>;
}

/**
 * What a waiting caller hears: music on hold, and every `everySeconds` their position and
 * estimated wait followed by the callback offer. A key press for callback or voicemail ends the wait.
 */
export function waitInQueue(opts: {
  leg: CallLeg;
  prompts: PromptLibrary;
  locale: Locale;
  everySeconds: number;
  keys: { callback: string; voicemail: string };
  position: () => { position: number; waitMinutes: number | null };
}): WaitControl {
  const { leg } = opts;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const keys = opts.keys.callback + opts.keys.voicemail;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    leg.stopMedia();
  };

  const chosen = (pressed: string | undefined): WaitEnd | undefined =>
    pressed === opts.keys.callback ? { kind: 'callback' } : pressed === opts.keys.voicemail ? { kind: 'voicemail' } : undefined;

  const run = async (): Promise<WaitEnd> => {
    const greeting = await leg.play([opts.prompts.builtin(opts.locale, 'please_hold')], { interruptOn: keys });
    const early = chosen(greeting.interruptedBy);
    if (early && !stopped) return early;
    while (!stopped && !isEnded(leg)) {
      timer = setTimeout(() => leg.stopMedia(), opts.everySeconds * 1000);
      const moh = await leg.play([{ kind: 'moh' }], { loop: true, interruptOn: keys });
      clearTimeout(timer);
      if (stopped) return { kind: 'stopped' };
      if (isEnded(leg)) return { kind: 'hangup' };
      const choice = chosen(moh.interruptedBy ?? (await announce()).interruptedBy);
      if (choice && !stopped) return choice;
    }
    return isEnded(leg) ? { kind: 'hangup' } : { kind: 'stopped' };
  };

  const announce = () => {
    const { position, waitMinutes } = opts.position();
    const sources = position > 0 ? opts.prompts.positionAnnouncement(opts.locale, position, waitMinutes) : [];
    return leg.play([...sources, opts.prompts.builtin(opts.locale, 'callback_offer')], { interruptOn: keys });
  };

  return { stop, done: run() };
}
