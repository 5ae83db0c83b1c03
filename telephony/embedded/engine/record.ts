import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { RecordingControl } from '../../engine';
import type { MediaClock } from '../media/media-clock';
import { StereoRecorder } from '../media/recorder';
import type { LegAudio } from './leg-audio';

/**
 * Records a leg in stereo: left is what the far end says (frames received), right is what it
 * hears (frames sent: prompts, hold music, the other party). Relative paths go under `dir`.
 */
export async function recordLeg(audio: LegAudio, clock: MediaClock, dir: string, path: string, onStop: (stop: () => Promise<void>) => () => void): Promise<RecordingControl> {
  const file = isAbsolute(path) ? path : join(dir, path);
  await mkdir(dirname(file), { recursive: true });
  const recorder = await StereoRecorder.start(file, clock);
  const untapSaid = audio.tapSaid((f) => recorder.onFrame('caller', f));
  const untapHeard = audio.tapHeard((f) => recorder.onFrame('agent', f));
  let stopping: ReturnType<StereoRecorder['stop']> | null = null;
  const stop = (): ReturnType<StereoRecorder['stop']> => {
    if (!stopping) {
      untapSaid();
      untapHeard();
      unregister();
      stopping = recorder.stop();
    }
    return stopping;
  };
  // Hang-up finishes the file (patches the WAV header) even if nobody calls stop().
  const unregister = onStop(async () => {
    await stop();
  });
  return {
    path: file,
    pause: () => recorder.pause(),
    resume: () => recorder.resume(),
    stop: async () => {
      const summary = await stop();
      return { durationMs: summary.durationMs, pausedIntervals: summary.pauses.map((p) => ({ fromMs: p.startMs, toMs: p.endMs })) };
    },
  };
}
