// Shared by the test pages: measurements a test reads back through page.evaluate.
'use strict';
window.probe = {
  /** Listens to an audio track for `ms`; reports the loudest moment's peak bin, level near `hz` and RMS. */
  async listen(track, ms, hz) {
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0;
    ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const freq = new Float32Array(analyser.frequencyBinCount);
    const time = new Float32Array(analyser.fftSize);
    const binHz = ctx.sampleRate / analyser.fftSize;
    let best = { peakHz: 0, peakDb: -Infinity, atHzDb: -Infinity, rms: 0 };
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      analyser.getFloatFrequencyData(freq);
      analyser.getFloatTimeDomainData(time);
      let peak = 1;
      for (let i = 2; i < freq.length; i++) if (freq[i] > freq[peak]) peak = i;
      const rms = Math.sqrt(time.reduce((s, v) => s + v * v, 0) / time.length);
      const near = Math.round(hz / binHz);
      const atHzDb = Math.max(freq[near - 1], freq[near], freq[near + 1]);
      if (rms > best.rms) best = { peakHz: peak * binHz, peakDb: freq[peak], atHzDb, rms };
    }
    await ctx.close();
    return best;
  },
  /** Audio codec mime types sent and received, from getStats. */
  async audioCodecs(pc) {
    const stats = await pc.getStats();
    const out = {};
    stats.forEach((s) => {
      if ((s.type === 'inbound-rtp' || s.type === 'outbound-rtp') && s.kind === 'audio') out[s.type] = stats.get(s.codecId)?.mimeType ?? null;
    });
    return out;
  },
  /** Video counters: frames decoded and PLIs sent (inbound), frames sent and PLIs received (outbound). */
  async videoStats(pc, video) {
    const stats = await pc.getStats();
    const out = { framesDecoded: 0, framesSent: 0, pliSent: 0, pliReceived: 0, codec: null, videoWidth: video ? video.videoWidth : 0 };
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        out.framesDecoded = s.framesDecoded ?? 0;
        out.pliSent = s.pliCount ?? 0;
        out.codec = stats.get(s.codecId)?.mimeType ?? null;
      }
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out.framesSent = s.framesSent ?? 0;
        out.pliReceived = s.pliCount ?? 0;
      }
    });
    return out;
  },
};
