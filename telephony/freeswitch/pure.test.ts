import { describe, expect, it } from 'vitest';
import { contactTarget, fromHeader, trunkOfSource, trunkTarget } from './dial';
import { DtmfMethods } from './dtmf';
import { profileListed } from './media-server';
import { flagCommands, joinedState, joinFlags } from './member-flags';
import { collectArgs, collectOutcome, fsPath, playbackString, playbackTerminators, toneStream } from './media-strings';
import { failureOf } from './originate';
import { parseDtmfInfo, referTarget, withDirection } from './sip-bodies';
import { flowOf } from './sip-adapter';

describe('dial targets', () => {
  it('a browser registered over WebSocket is reached back over its connection', () => {
    expect(contactTarget({ contact: 'sip:k3v9q2@df7jal23ls0d.invalid;transport=ws', flow: { transport: 'wss', address: '198.51.100.4', port: 52311 } })).toEqual({
      uri: 'sip:k3v9q2@df7jal23ls0d.invalid;transport=ws', proxy: 'sip:198.51.100.4:52311;transport=wss', transport: 'wss',
    });
    expect(contactTarget({ contact: 'sip:1001@[2001:db8::5]:5060', flow: { transport: 'udp', address: '2001:db8::5', port: 5060 } }).proxy).toBe('sip:[2001:db8::5]:5060;transport=udp');
  });

  it('a trunk number goes to the trunk host with its transport; junk is stripped from the number', () => {
    const trunk = { kind: 'peer' as const, id: 'pstn', addresses: ['192.0.2.10'], proxy: 'sip:192.0.2.10:5060;transport=tcp' };
    expect(trunkTarget(trunk, '+86 138-0000 0000;x')).toEqual({ uri: 'sip:+86138-00000000x@192.0.2.10:5060;transport=tcp', proxy: trunk.proxy, transport: 'tcp', trunkId: 'pstn' });
    expect(trunkOfSource([trunk], '::ffff:192.0.2.10')?.id).toBe('pstn');
    expect(trunkOfSource([trunk], '192.0.2.11')).toBeUndefined();
  });

  it('From carries the caller id in our domain', () => {
    expect(fromHeader({ user: '4000', displayName: 'Sales "A"', uri: 'sip:4000@x' }, 'cc.test')).toBe('"Sales A" <sip:4000@cc.test>');
    expect(fromHeader({ user: '', uri: '' }, 'cc.test')).toBe('<sip:anonymous@cc.test>');
  });
});

describe('FreeSWITCH media strings', () => {
  it('tones: cadenced loops, steady tones of a given length', () => {
    expect(toneStream('ringback')).toBe('tone_stream://%(1000,4000,450);loops=-1');
    expect(toneStream('busy', 2000)).toBe('tone_stream://%(350,350,450);loops=3');
    expect(toneStream('beep')).toBe('tone_stream://%(250,0,1000)');
    expect(toneStream({ frequencies: [440, 480], onMs: 2000, offMs: 4000 })).toBe('tone_stream://%(2000,4000,440,480);loops=-1');
  });

  it('files are played from where FreeSWITCH mounts them; several sources make one file_string', () => {
    const dirs = [{ app: '/app/telephony/prompts', fs: '/usr/share/freeswitch/sounds/cc' }];
    expect(fsPath('/app/telephony/prompts/en/welcome.wav', dirs)).toBe('/usr/share/freeswitch/sounds/cc/en/welcome.wav');
    expect(fsPath('/elsewhere/x.wav', dirs)).toBe('/elsewhere/x.wav');
    expect(playbackString([{ kind: 'file', path: '/app/telephony/prompts/en/a.wav' }, { kind: 'silence', durationMs: 500 }, { kind: 'moh' }], dirs, 'local_stream://moh')).toBe(
      'file_string:///usr/share/freeswitch/sounds/cc/en/a.wav!silence_stream://500!local_stream://moh',
    );
    expect(playbackTerminators(true)).toBe('0123456789*#ABCD');
    expect(playbackTerminators(undefined)).toBe('none');
  });

  it('play_and_get_digits arguments and what its variables mean', () => {
    expect(collectArgs({ minDigits: 1, maxDigits: 10, terminators: '#', firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 3000 }, 'tone_stream://%(250,0,1000)', 'v1')).toBe(
      '1 10 1 5000 # tone_stream://%(250,0,1000) silence_stream://1 v1 ^[0-9*#A-D]*$ 3000',
    );
    const opts = { minDigits: 1, maxDigits: 4 };
    expect(collectOutcome({ digits: '1234', terminator: '#' }, opts, false)).toEqual({ digits: '1234', reason: 'terminator' });
    expect(collectOutcome({ digits: '1234' }, opts, false)).toEqual({ digits: '1234', reason: 'max_digits' });
    expect(collectOutcome({ invalid: '12' }, opts, false)).toEqual({ digits: '12', reason: 'timeout' });
    expect(collectOutcome({}, opts, true)).toEqual({ digits: '', reason: 'hangup' });
  });
});

describe('conference member flags', () => {
  it('listen is mute, hear:false is deaf, whisper is relate nospeak, barge clears it', () => {
    expect(joinFlags({ speak: false, hear: true })).toEqual({ mute: true, deaf: false });
    const listen = joinedState({ speak: false, hear: true });
    const whisper = { speak: true, hear: true, nospeak: [3] };
    expect(flagCommands('monitor-1', 9, listen, whisper)).toEqual(['conference monitor-1 unmute 9', 'conference monitor-1 relate 9 3 nospeak']);
    expect(flagCommands('monitor-1', 9, whisper, { speak: true, hear: true, nospeak: [] })).toEqual(['conference monitor-1 relate 9 3 clear']);
    expect(flagCommands('monitor-1', 9, listen, { speak: false, hear: false, nospeak: [] })).toEqual(['conference monitor-1 deaf 9']);
    expect(flagCommands('monitor-1', 9, listen, listen)).toEqual([]);
  });
});

describe('SIP bodies', () => {
  it('DTMF in INFO, both content types, 10/11 as * and #', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=4\r\nDuration=160\r\n')).toEqual({ digit: '4', durationMs: 160 });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=11\r\nDuration=100\r\n')).toEqual({ digit: '#', durationMs: 100 });
    expect(parseDtmfInfo('application/dtmf', '*')).toEqual({ digit: '*', durationMs: 160 });
    expect(parseDtmfInfo('application/media_control+xml', '<x/>')).toBeUndefined();
  });

  it('REFER targets keep their headers; garbage is refused', () => {
    expect(referTarget('<sip:1003@cc.test?Replaces=abc%40h%3Bto-tag%3D1>')).toBe('sip:1003@cc.test?Replaces=abc%40h%3Bto-tag%3D1');
    expect(referTarget('sip:1003@127.0.0.1:5060')).toBe('sip:1003@127.0.0.1:5060');
    expect(referTarget('<http://x>')).toBeUndefined();
  });

  it('hold re-offers FreeSWITCH SDP sendonly with a higher origin version', () => {
    const sdp = 'v=0\r\no=FreeSWITCH 1732506000 1732506001 IN IP4 127.0.0.1\r\ns=FreeSWITCH\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 20012 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\na=rtcp:20013 IN IP4 127.0.0.1\r\n';
    const held = withDirection(sdp, 'sendonly', 1);
    expect(held).toContain('o=FreeSWITCH 1732506000 1732506002 IN IP4');
    expect(held).toContain('a=sendonly\r\n');
    expect(held).not.toContain('a=sendrecv');
    expect(withDirection(sdp.replace('a=sendrecv\r\n', ''), 'sendonly', 2).endsWith('a=sendonly\r\n')).toBe(true);
  });
});

describe('odds and ends', () => {
  it('SIP INFO digits injected into FreeSWITCH come back as info, RTP ones as rfc4733', () => {
    const m = new DtmfMethods();
    m.injectedInfo('4');
    expect(m.classify('1', 'RTP')).toBe('rfc4733');
    expect(m.classify('4', 'APP')).toBe('info');
    expect(m.classify('4', 'APP')).toBe('rfc4733');
  });

  it('originate failures: busy wins, then timeout, then the first status', () => {
    expect(failureOf([480, 486], false, false).hangupCause).toBe('user_busy');
    expect(failureOf([], true, false).hangupCause).toBe('no_answer');
    expect(failureOf([404], false, false).hangupCause).toBe('unallocated_number');
    expect(failureOf([486], false, true).hangupCause).toBe('originator_cancel');
  });

  it('finds the drachtio_mrf profile line in real `sofia status` output', () => {
    const status = [
      '                     Name\t   Type\t                                      Data\tState',
      '=================================================================================================',
      '            127.0.0.1\t  alias\t                              drachtio_mrf\tALIASED',
      '         drachtio_mrf\tprofile\t           sip:mod_sofia@127.0.0.1:5080\tRUNNING (0)',
      '=================================================================================================',
      '1 profile 1 alias',
    ].join('\n');
    expect(profileListed(status, 'drachtio_mrf')).toBe(true);
    expect(profileListed(status, 'internal')).toBe(false);
  });
});

describe('flows of REGISTERs through drachtio-server', () => {
  it('knows a browser by its Via even though drachtio-server reports the WebSocket as tcp', () => {
    // As captured from drachtio-server 0.9.4: a SIP.js REGISTER over ws:// arrives with protocol "tcp".
    const req = { protocol: 'tcp', source_address: '127.0.0.1', source_port: 52650 };
    expect(flowOf(req, 'SIP/2.0/WS 6gkiv0rr0ktc.invalid;branch=z9hG4bK2838806')).toEqual({ transport: 'ws', address: '127.0.0.1', port: 52650 });
    expect(flowOf({ ...req, protocol: 'tls' }, 'SIP/2.0/WSS a.invalid;branch=z9hG4bK1')).toMatchObject({ transport: 'wss' });
    expect(flowOf(req, 'SIP/2.0/TCP 10.0.0.8:5060;branch=z9hG4bK1')).toMatchObject({ transport: 'tcp' });
    expect(flowOf({ ...req, protocol: 'udp' }, undefined)).toMatchObject({ transport: 'udp' });
    const browser = contactTarget({ contact: 'sip:x@y.invalid;transport=ws', flow: flowOf(req, 'SIP/2.0/WS y.invalid') });
    expect(browser.transport).toBe('ws');
  });
});
