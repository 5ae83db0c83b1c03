// The pieces of sipp XML scenarios our tests share: a caller's INVITE/ACK, answers, BYE and DTMF by INFO.
// sipp substitutes the [bracketed] keywords; the indentation is sipp's, not ours.

export const SIPP_HEAD = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">\n';

const TAG = '[pid]SIPpTag[call_number]';

/** PCMU with RFC 2833 events; a new `version` for each re-offer of the same session. */
function pcmuSdp(version: string): string {
  return `
      v=0
      o=user1 53655765 ${version} IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
`;
}

function fromHeader(from: string, display?: string): string {
  return `From: ${display ? `"${display}" ` : ''}<sip:${from}@[local_ip]:[local_port]>;tag=${TAG}`;
}

/** A caller's INVITE (PCMU offer) to [service], the provisional and final answers, and the ACK. */
export function uacInvite(o: { from: string; display?: string; headers?: string[] }): string {
  const extra = (o.headers ?? []).map((h) => `\n      ${h}`).join('');
  return `
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      ${fromHeader(o.from, o.display)}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${o.from}@[local_ip]:[local_port]>${extra}
      Content-Type: application/sdp
      Content-Length: [len]
${pcmuSdp('2353687637')}
  ]]></send>
  <recv response="100" optional="true" />
  <recv response="180" optional="true" />
  <recv response="183" optional="true" />
  <recv response="200" />
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      ${fromHeader(o.from, o.display)}
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Content-Length: 0

  ]]></send>`;
}

/** 200 OK to the request just received; with `contact` it answers a re-INVITE with our PCMU SDP. */
export function okToLast(answer?: { contact: string }): string {
  const body = answer
    ? `      Contact: <sip:${answer.contact}@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]
${pcmuSdp('2353687638')}`
    : `      Content-Length: 0
`;
  return `
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
${body}
  ]]></send>`;
}

/** Waits for the far end's BYE and answers it. */
export function awaitBye(timeoutMs: number): string {
  return `
  <recv request="BYE" timeout="${timeoutMs}" />${okToLast()}`;
}

/** The caller hangs up. */
export function sendBye(from: string, cseq: number): string {
  return `
  <send retrans="500"><![CDATA[
      BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      ${fromHeader(from)}
      [last_To:]
      Call-ID: [call_id]
      CSeq: ${cseq} BYE
      Content-Length: 0

  ]]></send>
  <recv response="200" />`;
}

/** One DTMF digit by SIP INFO (application/dtmf-relay). */
export function sendInfoDigit(signal: string, from: string, cseq: number): string {
  return `
  <send retrans="500"><![CDATA[
      INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      ${fromHeader(from)}
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} INFO
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${signal}
      Duration=160

  ]]></send>
  <recv response="200" />`;
}

/** A caller's INVITE that must be refused with `status`, and the ACK that ends the refused transaction. */
export function uacInviteRefused(o: { from: string; status: number }): string {
  return `
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      ${fromHeader(o.from)}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${o.from}@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]
${pcmuSdp('2353687637')}
  ]]></send>
  <recv response="100" optional="true" />
  <recv response="${o.status}" />
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      Max-Forwards: 70
      ${fromHeader(o.from)}
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Content-Length: 0

  ]]></send>`;
}
