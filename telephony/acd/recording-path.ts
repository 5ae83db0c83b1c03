import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** recordings/YYYY/MM/DD/<id>.wav, by the UTC date of the call: one directory per day keeps listings short. */
export function recordingPath(root: string, id: string, at: number, kind: 'calls' | 'voicemail' = 'calls'): string {
  const d = new Date(at).toISOString();
  const dir = join(root, kind, d.slice(0, 4), d.slice(5, 7), d.slice(8, 10));
  mkdirSync(dir, { recursive: true });
  return join(dir, `${id}.wav`);
}
