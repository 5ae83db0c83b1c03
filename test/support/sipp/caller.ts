import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { okToLast, SIPP_HEAD, uacInvite } from './blocks';

/**
 * A PSTN caller for end-to-end tests: sipp sends INVITE (PCMU) from `from`, streams `wav` as RTP
 * once answered (sipp's rtp_stream, looping), answers re-INVITEs (hold and resume put it on music
 * and back) and waits up to `waitByeMs` for the far end's BYE.
 */
export function callerScenario(options: { from: string; wav: string; waitByeMs?: number }): string {
  const { from, wav } = options;
  return `${SIPP_HEAD}<scenario name="e2e-caller">${uacInvite({ from, display: from })}
  <nop><action><exec rtp_stream="${wav},-1,0" /></action></nop>
  <label id="1" />
  <recv request="INVITE" optional="true" next="2" />
  <recv request="BYE" timeout="${options.waitByeMs ?? 90_000}" next="3" />
  <label id="2" />${okToLast({ contact: from })}
  <recv request="ACK" next="1" />
  <label id="3" />${okToLast()}
</scenario>
`;
}

/** A μ-law 8 kHz mono WAV of a sine (what rtp_stream sends as PCMU), made with sox. */
export function toneWav(hz: number, seconds: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-wav-'));
  const path = join(dir, `tone-${hz}.wav`);
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'u-law', path, 'synth', String(seconds), 'sine', String(hz), 'vol', '0.5']);
  return path;
}

/** Writes a scenario next to its media, for runSipp({scenario}). */
export function writeScenario(xml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sipp-sf-')), 'scenario.xml');
  writeFileSync(path, xml);
  return path;
}
