/** Narrowband telephony: every frame in the media layer is 20 ms of 8 kHz mono 16-bit PCM. */
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;

/**
 * Something that produces audio one frame at a time (prompt, tone, MOH, mixer output, bridge).
 * `read` fills `out` (FRAME_SAMPLES long) and returns false once the source is exhausted; the
 * caller owns `out`, so sources never allocate per frame.
 */
export interface FrameSource {
  read(out: Int16Array): boolean;
}

/** A source that can hand over an already-encoded payload, letting a bridge skip transcoding. */
export interface PayloadSource extends FrameSource {
  readPayload(payloadType: number): Uint8Array | null;
}

export function isPayloadSource(source: FrameSource): source is PayloadSource {
  return typeof (source as Partial<PayloadSource>).readPayload === 'function';
}

/** Saturating conversion used wherever sums of int16 samples go back to int16. */
export function clamp16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}
