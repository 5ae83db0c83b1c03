import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { awaitBye, SIPP_HEAD, sendInfoDigit, uacInvite } from '../../test/support/sipp/blocks';

/** RFC 2833 pcaps shipped with sipp (copied beside the media tests). */
export const PCAP_DIR = resolve(__dirname, '../embedded/media/fixtures');

const INVITE = uacInvite({ from: 'sipp', headers: ['X-Case: contract'] });
const AWAIT_BYE = awaitBye(15000);
const info = (signal: string, cseq: number): string => sendInfoDigit(signal, 'sipp', cseq);

const PCAP_NAMES: Record<string, string> = { '#': 'pound', '*': 'star' };

function pcap(digit: string): string {
  const file = join(PCAP_DIR, `dtmf_2833_${PCAP_NAMES[digit] ?? digit}.pcap`);
  return `
  <nop><action><exec play_pcap_audio="${file}" /></action></nop>`;
}

/**
 * A caller that, once answered, presses `keys`: `{rtp: '1'}` plays the RFC 2833 pcap of the
 * digit (their RTP timestamps rise in the order 1,0,2..9,*,#), `{info: '4'}` sends SIP INFO.
 * Then it waits for the engine's BYE.
 */
export function uacDtmf(keys: Array<{ rtp: string } | { info: string }>): string {
  let cseq = 2;
  // Each pcap plays for ~200 ms in the background; the pause keeps digits apart. The BYE may
  // come as soon as the last digit lands, so nothing follows it but the wait for BYE.
  const steps = keys.map((k) => ('rtp' in k ? pcap(k.rtp) : info(k.info, cseq++))).join('\n  <pause milliseconds="400" />');
  return `${SIPP_HEAD}<scenario name="uac-dtmf">${INVITE}
  <pause milliseconds="300" />${steps}${AWAIT_BYE}
</scenario>\n`;
}

/** A caller that sends no RTP at all and waits for the engine's BYE (hangup or RTP timeout). */
export function uacSilentWaitBye(): string {
  return `${SIPP_HEAD}<scenario name="uac-silent">${INVITE}${AWAIT_BYE}
</scenario>\n`;
}

const UAS_180 = `
  <recv request="INVITE" />
  <send><![CDATA[
      SIP/2.0 180 Ringing
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Length: 0

  ]]></send>`;

/** A callee that rings and never answers: expects our CANCEL, then ACK for its 487. */
export function uasNoAnswer(): string {
  return `${SIPP_HEAD}<scenario name="uas-no-answer">${UAS_180}
  <recv request="CANCEL" timeout="15000" />
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

  ]]></send>
  <send><![CDATA[
      SIP/2.0 487 Request Terminated
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      CSeq: 1 INVITE
      Content-Length: 0

  ]]></send>
  <recv request="ACK" />
</scenario>\n`;
}

/** A callee that answers (PCMU) and waits for our BYE; no trailing pause, so sipp exits at once. */
export function uasAnswer(): string {
  return `${SIPP_HEAD}<scenario name="uas-answer">${UAS_180}
  <send retrans="500"><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000

  ]]></send>
  <recv request="ACK" />${AWAIT_BYE}
</scenario>\n`;
}

/** A callee that is busy: 486 straight away. */
export function uasBusy(): string {
  return `${SIPP_HEAD}<scenario name="uas-busy">
  <recv request="INVITE" />
  <send><![CDATA[
      SIP/2.0 486 Busy Here
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

  ]]></send>
  <recv request="ACK" />
</scenario>\n`;
}

/** Writes a scenario to a temp file for `runSipp({scenario})`. */
export async function scenarioFile(name: string, xml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sipp-scn-'));
  const file = join(dir, `${name}.xml`);
  await writeFile(file, xml);
  return file;
}
