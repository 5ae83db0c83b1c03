import { relative, isAbsolute, join, sep } from 'node:path';
import type { CollectOptions, CollectResult, PlaySource } from '../engine';
import type { SharedDir } from './options';

/**
 * PlaySources as FreeSWITCH file strings, and play_and_get_digits arguments and results. Pure:
 * the leg runs these through its channel's event socket.
 */

/** Ringback/busy (Chinese cadences, as the embedded engine plays them) and a 250 ms beep. */
const NAMED_TONES = {
  ringback: { frequencies: [450], onMs: 1000, offMs: 4000 },
  busy: { frequencies: [450], onMs: 350, offMs: 350 },
  beep: { frequencies: [1000], onMs: 250, offMs: 0 },
} as const;

/** A short melody, so hold music is never silence even without a music file. */
export const BUILT_IN_MOH = 'tone_stream://%(400,100,523);%(400,100,659);%(400,100,784);%(800,300,659);loops=-1';

/** `tone_stream://%(on,off,f1,f2);loops=n` (mod_tone_stream, TGML). */
export function toneStream(tone: Extract<PlaySource, { kind: 'tone' }>['tone'], durationMs?: number): string {
  const spec = typeof tone === 'string' ? NAMED_TONES[tone] : tone;
  const freqs = spec.frequencies.map((f) => Math.round(f)).join(',');
  if (spec.offMs <= 0) {
    // A steady tone: one segment as long as asked (the beep's own length when not asked).
    const on = durationMs ?? (typeof tone === 'string' ? spec.onMs : undefined);
    return on === undefined ? `tone_stream://%(1000,0,${freqs});loops=-1` : `tone_stream://%(${on},0,${freqs})`;
  }
  const cycle = spec.onMs + spec.offMs;
  const loops = durationMs === undefined ? -1 : Math.max(1, Math.ceil(durationMs / cycle));
  return `tone_stream://%(${spec.onMs},${spec.offMs},${freqs});loops=${loops}`;
}

/** Maps an app-side path into FreeSWITCH's view; relative paths are already relative to `fs`. */
export function fsPath(path: string, dirs: readonly SharedDir[]): string {
  if (!isAbsolute(path)) return path;
  for (const d of dirs) {
    const rel = relative(d.app, path);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return join(d.fs, rel).split(sep).join('/');
  }
  return path;
}

export function sourceString(s: PlaySource, dirs: readonly SharedDir[], moh: string): string {
  switch (s.kind) {
    case 'file': return fsPath(s.path, dirs);
    case 'silence': return `silence_stream://${Math.max(1, Math.round(s.durationMs))}`;
    case 'moh': return moh;
    case 'tone': return toneStream(s.tone, s.durationMs);
  }
}

/** One string for `playback`/`endless_playback`: several sources become a `file_string://` list. */
export function playbackString(sources: readonly PlaySource[], dirs: readonly SharedDir[], moh: string): string {
  const parts = sources.map((s) => sourceString(s, dirs, moh));
  if (parts.length === 0) return 'silence_stream://1';
  return parts.length === 1 ? (parts[0] ?? '') : `file_string://${parts.join('!')}`;
}

export const ALL_DIGITS = '0123456789*#ABCD';

/** `playback_terminators`: which digits cut a prompt short ('none' disables the default '*'). */
export function playbackTerminators(interruptOn: boolean | string | undefined): string {
  if (interruptOn === true) return ALL_DIGITS;
  if (typeof interruptOn === 'string' && interruptOn.length > 0) return interruptOn;
  return 'none';
}

export const COLLECT_VAR = 'cc_collected';

/**
 * play_and_get_digits <min> <max> <tries> <timeout> <terminators> <file> <invalid_file>
 * <var_name> <regexp> <digit_timeout>. One try, silent "invalid" file: the caller's flow decides
 * what to say about bad input. The regexp accepts any keypad string so FreeSWITCH never discards.
 */
export function collectArgs(options: CollectOptions, file: string, variable = COLLECT_VAR): string {
  const terminators = options.terminators && options.terminators.length > 0 ? options.terminators : 'none';
  return [
    Math.max(0, options.minDigits), Math.max(1, options.maxDigits), 1, Math.max(1, options.firstDigitTimeoutMs),
    terminators, file, 'silence_stream://1', variable, '^[0-9*#A-D]*$', Math.max(1, options.interDigitTimeoutMs),
  ].join(' ');
}

/** What the collect ended with, from the application's result variables. */
export function collectOutcome(
  vars: { digits?: string; invalid?: string; terminator?: string },
  options: Pick<CollectOptions, 'maxDigits' | 'minDigits'>,
  ended: boolean,
): CollectResult {
  const digits = (vars.digits || vars.invalid || '').replace(/[^0-9*#A-D]/g, '');
  if (vars.terminator) return { digits, reason: 'terminator' };
  if (digits.length >= options.maxDigits) return { digits, reason: 'max_digits' };
  if (ended) return { digits, reason: 'hangup' };
  return { digits, reason: 'timeout' };
}
