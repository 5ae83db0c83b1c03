type Probe<T> = () => Promise<T | undefined | null | false> | T | undefined | null | false;

/**
 * Polls `probe` every 200 ms until it gives a value (not undefined, null or false); throws after
 * `ms`, naming `what` was awaited when given.
 */
export async function until<T>(probe: Probe<T>, ms?: number): Promise<T>;
export async function until<T>(what: string, probe: Probe<T>, ms?: number): Promise<T>;
export async function until<T>(a: string | Probe<T>, b?: number | Probe<T>, c?: number): Promise<T> {
  const [what, probe, ms] = typeof a === 'string' ? [a, b as Probe<T>, c ?? 15_000] : ['condition', a, (b as number | undefined) ?? 15_000];
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
