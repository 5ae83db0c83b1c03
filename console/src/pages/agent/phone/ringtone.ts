import { useEffect } from 'preact/hooks';
import { deviceStore } from './media-devices';

/**
 * Rings (the Chinese ringback cadence: 450 Hz, 1 s on, 4 s off) while `ringing`, made with WebAudio
 * so no sound file ships. A browser that blocks audio before any click simply stays silent.
 */
export function useRingtone(ringing: boolean): void {
  useEffect(() => {
    if (!ringing || typeof AudioContext === 'undefined') return;
    const ctx = new AudioContext();
    const sink = deviceStore.get().speaker;
    const withSink = ctx as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (sink && withSink.setSinkId) withSink.setSinkId(sink).catch(() => undefined);
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.frequency.value = 450;
    osc.connect(gain);
    osc.start();
    const ring = () => {
      const t = ctx.currentTime;
      gain.gain.setValueAtTime(0.15, t);
      gain.gain.setValueAtTime(0, t + 1);
    };
    ring();
    const timer = setInterval(ring, 5000);
    return () => {
      clearInterval(timer);
      osc.stop();
      void ctx.close();
    };
  }, [ringing]);
}
