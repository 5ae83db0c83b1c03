import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PSTN caller for end-to-end tests: sipp sends INVITE (PCMU) from `from`, streams `wav` as RTP
 * once answered (sipp's rtp_stream, looping), answers re-INVITEs (hold and resume put it on music
 * and back) and waits up to `waitByeMs` for the far end's BYE.
 */
export function callerScenario(options: { from: string; wav: string; waitByeMs?: number }): string {
  const { from, wav } = options;
  const tag = `[pid]SIPpTag[call_number]`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="e2e-caller">
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: "${from}" <sip:${from}@[local_ip]:[local_port]>;tag=${tag}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${from}@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15

  ]]></send>
  <recv response="100" optional="true" />
  <recv response="180" optional="true" />
  <recv response="183" optional="true" />
  <recv response="200" />
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: "${from}" <sip:${from}@[local_ip]:[local_port]>;tag=${tag}
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Content-Length: 0

  ]]></send>
  <nop><action><exec rtp_stream="${wav},-1,0" /></action></nop>
  <label id="1" />
  <recv request="INVITE" optional="true" next="2" />
  <recv request="BYE" timeout="${options.waitByeMs ?? 90_000}" next="3" />
  <label id="2" />
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:${from}@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687638 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15

  ]]></send>
  <recv request="ACK" next="1" />
  <label id="3" />
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

  ]]></send>
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
