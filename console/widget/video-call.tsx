import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetClient } from './client';
import type { WidgetLocale } from './i18n';
import type { VideoCallHandle, VideoCallState } from './sip-video';

// The widget's video call: a button when the site offers it, then both pictures. Its words live
// here rather than in i18n.ts so the chat widget's dictionary stays its own.
const words = {
  'zh-CN': { start: '视频通话', connecting: '正在连接…', ringing: '正在为您接通客服…', talking: '视频通话中', hangup: '挂断', ended: '通话已结束', failed: '无法接通视频通话', camera: '请允许使用摄像头和麦克风' },
  en: { start: 'Video call', connecting: 'Connecting…', ringing: 'Connecting you to an agent…', talking: 'On a video call', hangup: 'Hang up', ended: 'Call ended', failed: 'The video call could not be connected', camera: 'Please allow the camera and microphone' },
} satisfies Record<WidgetLocale, Record<string, string>>;

type Phase = 'idle' | 'starting' | VideoCallState;

const stage = 'position:relative;background:#111827;height:220px;flex:none';
const remoteStyle = 'width:100%;height:100%;object-fit:cover;display:block';
const localStyle = 'position:absolute;right:10px;bottom:10px;width:96px;height:72px;object-fit:cover;border-radius:8px;border:2px solid #fff;background:#374151';
const bar = 'display:flex;align-items:center;gap:8px;padding:8px 14px;border-bottom:1px solid #e5e7eb;background:#fff';

/** Loads /widget-video.js (SIP.js) once, on the first call. */
function loadSipVideo(base: string): Promise<NonNullable<Window['__ccWidgetVideo']>> {
  if (window.__ccWidgetVideo) return Promise.resolve(window.__ccWidgetVideo);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = `${base}/widget-video.js`;
    s.async = true;
    s.onload = () => (window.__ccWidgetVideo ? resolve(window.__ccWidgetVideo) : reject(new Error('widget-video.js did not load')));
    s.onerror = () => reject(new Error('widget-video.js did not load'));
    document.head.appendChild(s);
  });
}

export function VideoCall(props: { client: WidgetClient; locale: WidgetLocale }) {
  const { client, locale } = props;
  const t = words[locale];
  const { base, site } = client.config;
  const [offer, setOffer] = useState<{ wsPath: string } | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const remote = useRef<HTMLVideoElement>(null);
  const local = useRef<HTMLVideoElement>(null);
  const handle = useRef<VideoCallHandle | null>(null);

  useEffect(() => {
    let live = true;
    fetch(`${base}/api/webim/public/${encodeURIComponent(site)}/video`)
      .then((r) => (r.ok ? (r.json() as Promise<{ enabled: boolean; wsPath: string }>) : null))
      .then((v) => live && v?.enabled && setOffer({ wsPath: v.wsPath }))
      .catch(() => undefined);
    return () => {
      live = false;
      void handle.current?.hangup();
    };
  }, [base, site]);

  if (!offer) return null;
  const inCall = phase === 'starting' || phase === 'connecting' || phase === 'ringing' || phase === 'talking';

  const call = async (): Promise<void> => {
    setError(null);
    setPhase('starting');
    try {
      const res = await fetch(`${base}/api/webim/public/${encodeURIComponent(site)}/video-call`, { method: 'POST', headers: { 'x-visitor-token': client.visitorToken ?? '' } });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? t.failed);
      const cred = (await res.json()) as { username: string; password: string; realm: string; target: string; wsPath: string };
      const video = await loadSipVideo(base);
      const url = new URL(base);
      const wsUrl = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}${cred.wsPath}`;
      if (!remote.current || !local.current) return;
      handle.current = await video.start({
        ...cred,
        wsUrl,
        remote: remote.current,
        local: local.current,
        onState: (s) => {
          setPhase(s);
          if (s === 'failed') setError(t.failed);
          if (s === 'ended' || s === 'failed') handle.current = null;
        },
      });
    } catch (err) {
      setPhase('failed');
      setError(err instanceof DOMException ? t.camera : err instanceof Error ? err.message : t.failed);
    }
  };

  return (
    <div data-testid="widget-video" data-phase={phase}>
      <div style={bar}>
        {inCall ? (
          <>
            <span style="flex:1" data-testid="widget-video-status">{phase === 'talking' ? t.talking : phase === 'ringing' ? t.ringing : t.connecting}</span>
            <button class="btn small" style="background:#dc2626" data-testid="widget-video-hangup" onClick={() => void handle.current?.hangup()}>
              {t.hangup}
            </button>
          </>
        ) : (
          <>
            <span style="flex:1;color:#6b7280;font-size:12.5px">{error ?? (phase === 'ended' ? t.ended : '')}</span>
            <button class="btn small" data-testid="widget-video-call" onClick={() => void call()}>
              📹 {t.start}
            </button>
          </>
        )}
      </div>
      {/* Kept mounted while idle (hidden) so SIP.js has elements to attach the streams to. */}
      <div style={`${stage};${inCall ? '' : 'display:none'}`}>
        <video ref={remote} style={remoteStyle} autoplay playsInline muted data-testid="widget-video-remote" />
        <video ref={local} style={localStyle} autoplay playsInline muted data-testid="widget-video-local" />
      </div>
    </div>
  );
}
