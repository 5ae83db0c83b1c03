import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../../i18n';

function useStream(stream: MediaStream | undefined) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream ?? null;
    if (stream) el.play().catch(() => undefined); // autoplay may wait for a click; the element shows it then
  }, [stream]);
  return ref;
}

/** The far end's video, with the agent's own camera as a small preview in the corner. */
export function VideoStage(props: { remote: MediaStream | undefined; local: MediaStream | undefined; sending: boolean }) {
  const t = useT();
  const remote = useStream(props.remote);
  const local = useStream(props.local);
  return (
    <div class="phone-video" data-testid="phone-video">
      {/* Muted: the call's audio plays from the controller's own element, not twice from here. */}
      <video ref={remote} class="phone-video-remote" autoplay playsInline muted data-testid="phone-video-remote" aria-label={t('phone.remoteVideo')} />
      <video
        ref={local}
        class={`phone-video-local${props.sending ? '' : ' phone-video-off'}`}
        autoplay
        playsInline
        muted
        data-testid="phone-video-local"
        aria-label={t('phone.localVideo')}
      />
    </div>
  );
}
