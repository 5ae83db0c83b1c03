/** Readiness: each backing service answers within a short time, or the node is not ready. */
export type ReadinessCheck = () => Promise<boolean>;

export class Readiness {
  private checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async report(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, 'ok' | 'failing'> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        });
        const ok = await Promise.race([check().catch(() => false), timeout]);
        clearTimeout(timer);
        return [name, ok ? 'ok' : 'failing'] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, s]) => s === 'ok'), checks };
  }
}
