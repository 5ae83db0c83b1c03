import { existsSync } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import { NotFound } from '../../core/errors';
import type { CollectOptions, CollectResult, PlayOptions, PlayResult, PlaySource, RecordingControl } from '../engine';
import type { EslEvent, FsEndpoint, SrfDialog } from './drachtio-types';
import { api, bridgeNow, setVars, within } from './esl-call';
import type { FsLegContext } from './leg-context';
import { collectArgs, collectOutcome, fsPath, playbackString, playbackTerminators } from './media-strings';
import { withDirection } from './sip-bodies';

/** What the media operations need from a leg. */
export interface MediaHost {
  readonly ctx: FsLegContext;
  readonly log: Logger;
  readonly ended: boolean;
  readonly endpoint: FsEndpoint | null;
  readonly dialog: SrfDialog | null;
  bridgedWith: MediaHost | null;
  onStop(stop: () => void): () => void;
  onClose(close: () => Promise<void>): () => void;
}

/** A missing prompt rejects before anything plays, as on the embedded engine. */
function checkFiles(sources: readonly PlaySource[]): void {
  for (const s of sources) if (s.kind === 'file' && !existsSync(s.path)) throw new NotFound(`prompt ${s.path} not found`);
}

let seq = 0;

/**
 * Runs one application on the channel until it completes, stopMedia() breaks it, or the leg
 * ends; resolves with the completion event (undefined when it was cut off).
 */
function runApp(host: MediaHost, ep: FsEndpoint, app: string, arg: string): Promise<{ evt?: EslEvent; stopped: boolean }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (evt: EslEvent | undefined, stopped: boolean): void => {
      if (done) return;
      done = true;
      unregister();
      resolve(evt ? { evt, stopped } : { stopped });
    };
    let stopped = false;
    const unregister = host.onStop(() => {
      stopped = true;
      // Hang-up or stopMedia: uuid_break (sent by the leg) completes the app; the leg may be gone.
      if (host.ended) finish(undefined, true);
    });
    ep.execute(app, arg).then(
      (evt) => finish(evt, stopped || host.ended),
      () => finish(undefined, true),
    );
  });
}

export async function playOn(host: MediaHost, sources: PlaySource[], options: PlayOptions): Promise<PlayResult> {
  const ep = host.endpoint;
  if (!ep) return { stopped: true };
  checkFiles(sources);
  const file = playbackString(sources, host.ctx.dirs, host.ctx.moh);
  await setVars(ep, { playback_terminators: playbackTerminators(options.interruptOn), playback_terminator_used: '' }, host.ctx.commandTimeoutMs);
  const { evt, stopped } = await runApp(host, ep, options.loop ? 'endless_playback' : 'playback', file);
  const digit = evt?.getHeader('variable_playback_terminator_used');
  if (digit && options.interruptOn) return { interruptedBy: digit, stopped: false };
  return { stopped };
}

export async function playCollectOn(host: MediaHost, sources: PlaySource[], options: CollectOptions): Promise<CollectResult> {
  const ep = host.endpoint;
  if (!ep) return { digits: '', reason: 'hangup' };
  checkFiles(sources);
  const file = sources.length > 0 ? playbackString(sources, host.ctx.dirs, host.ctx.moh) : 'silence_stream://1';
  const variable = `cc_digits_${++seq}`;
  await setVars(ep, { read_terminator_used: '' }, host.ctx.commandTimeoutMs);
  // play_and_get_digits has no overall limit: a timer breaks it, and what was typed still counts.
  const total = options.totalTimeoutMs
    ? setTimeout(() => api(ep, 'uuid_break', ep.uuid, host.ctx.commandTimeoutMs).catch(() => undefined), options.totalTimeoutMs)
    : undefined;
  const { evt } = await runApp(host, ep, 'play_and_get_digits', collectArgs(options, file, variable));
  if (total) clearTimeout(total);
  const terminator = evt?.getHeader('variable_read_terminator_used');
  return collectOutcome(
    {
      digits: evt?.getHeader(`variable_${variable}`),
      invalid: evt?.getHeader(`variable_${variable}_invalid`),
      terminator: terminator || undefined,
    },
    options,
    host.ended,
  );
}

/** Waits until FreeSWITCH has closed the WAV (RIFF size patched to the file's length). */
async function settled(file: string, limitMs = 1500): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    try {
      const size = (await stat(file)).size;
      const fh = await open(file, 'r');
      const head = Buffer.alloc(8);
      await fh.read(head, 0, 8, 0);
      await fh.close();
      if (size > 44 && head.toString('ascii', 0, 4) === 'RIFF' && head.readUInt32LE(4) === size - 8) return;
    } catch {
      // Not there yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stereo: FreeSWITCH's read side (what the far end says) left, write side (what it hears) right. */
export async function recordOn(host: MediaHost, path: string): Promise<RecordingControl> {
  const ep = host.endpoint;
  if (!ep) throw new NotFound('leg has no media');
  const { ctx } = host;
  const file = isAbsolute(path) ? path : join(ctx.recordings.app, path);
  await mkdir(dirname(file), { recursive: true });
  const target = fsPath(file, [ctx.recordings]);
  // RECORD_MIN_SEC=0: FreeSWITCH would otherwise delete recordings shorter than 3 s.
  await setVars(ep, { RECORD_STEREO: 'true', RECORD_MIN_SEC: '0' }, ctx.commandTimeoutMs);
  await api(ep, 'uuid_record', `${ep.uuid} start ${target}`, ctx.commandTimeoutMs);
  const startedAt = ctx.clock.now();
  const pauses: Array<{ fromMs: number; toMs: number }> = [];
  let pausedAt: number | undefined;
  let stopping: Promise<{ durationMs: number; pausedIntervals: Array<{ fromMs: number; toMs: number }> }> | undefined;
  const stop = (): NonNullable<typeof stopping> => {
    stopping ??= (async () => {
      unregister();
      const now = ctx.clock.now();
      if (pausedAt !== undefined) pauses.push({ fromMs: pausedAt, toMs: now - startedAt });
      if (!host.ended) await api(ep, 'uuid_record', `${ep.uuid} stop ${target}`, ctx.commandTimeoutMs).catch(() => undefined);
      await settled(file);
      return { durationMs: now - startedAt, pausedIntervals: pauses };
    })();
    return stopping;
  };
  const unregister = host.onClose(async () => {
    await stop();
  });
  const mask = (verb: 'mask' | 'unmask'): void => {
    api(ep, 'uuid_record', `${ep.uuid} ${verb} ${target}`, ctx.commandTimeoutMs).catch((err: unknown) => host.log.warn({ err }, `recording ${verb} failed`));
  };
  return {
    path: file,
    pause: () => {
      if (pausedAt !== undefined || stopping) return;
      pausedAt = ctx.clock.now() - startedAt;
      mask('mask');
    },
    resume: () => {
      if (pausedAt === undefined || stopping) return;
      pauses.push({ fromMs: pausedAt, toMs: ctx.clock.now() - startedAt });
      pausedAt = undefined;
      mask('unmask');
    },
    stop,
  };
}

/**
 * Hold: re-INVITE the phone with our SDP marked sendonly, take the leg out of its bridge (both
 * channels park, so the other party hears silence) and loop hold music to it. Unhold reverses
 * each step and bridges the two again if the other party is still there.
 */
export class HoldState {
  private offers = 0;
  private partner: MediaHost | null = null;
  held = false;

  async hold(host: MediaHost): Promise<void> {
    const ep = host.endpoint;
    const dialog = host.dialog;
    if (this.held || !ep || !dialog) return;
    this.held = true;
    const t = host.ctx.commandTimeoutMs;
    const partner = host.bridgedWith;
    if (partner) {
      this.partner = partner;
      await api(ep, 'uuid_transfer', `${ep.uuid} -both park inline`, t);
    }
    await within(dialog.modify(withDirection(ep.local.sdp, 'sendonly', ++this.offers)), t, 'hold re-INVITE');
    await setVars(ep, { playback_terminators: 'none' }, t);
    ep.execute('endless_playback', host.ctx.moh).catch(() => undefined);
  }

  async unhold(host: MediaHost): Promise<void> {
    const ep = host.endpoint;
    const dialog = host.dialog;
    if (!this.held || !ep || !dialog) return;
    this.held = false;
    const t = host.ctx.commandTimeoutMs;
    await api(ep, 'uuid_break', `${ep.uuid} all`, t).catch(() => undefined);
    await within(dialog.modify(withDirection(ep.local.sdp, 'sendrecv', ++this.offers)), t, 'unhold re-INVITE');
    const partner = this.partner;
    this.partner = null;
    const other = partner?.endpoint;
    if (partner && other && !partner.ended && partner.bridgedWith === host) {
      await bridgeNow(ep, other, t);
    }
  }
}
