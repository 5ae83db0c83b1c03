const DAY_MS = 86_400_000;
/** Weight of the newest handle time in the moving average. */
const ALPHA = 0.2;

interface Counters {
  day: number;
  offered: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  abandonedLate: number;
}

export interface QueueStats {
  readonly queueId: string;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
  /** Interactions that entered the queue today (UTC). */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** answered within threshold / (answered + abandoned after threshold), today; null before any. */
  readonly serviceLevel: number | null;
  readonly agentsAvailable: number;
  readonly averageHandleSeconds: number | null;
}

/**
 * Today's counters per queue (the window rolls at UTC midnight) and a moving average of handle
 * time that estimatedWait uses. Counters start at zero after a restart; reports read the event log.
 */
export class StatsBook {
  private readonly counters = new Map<string, Counters>();
  private readonly handleMs = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  entered(queueId: string): void {
    this.today(queueId).offered++;
  }

  answered(queueId: string, waitedMs: number, thresholdSeconds: number): void {
    const c = this.today(queueId);
    c.answered++;
    if (waitedMs <= thresholdSeconds * 1000) c.answeredInTime++;
  }

  abandoned(queueId: string, waitedMs: number, thresholdSeconds: number): void {
    const c = this.today(queueId);
    c.abandoned++;
    if (waitedMs > thresholdSeconds * 1000) c.abandonedLate++;
  }

  handled(queueId: string, ms: number): void {
    const prev = this.handleMs.get(queueId);
    this.handleMs.set(queueId, prev === undefined ? ms : prev + ALPHA * (ms - prev));
  }

  averageHandleMs(queueId: string): number | undefined {
    return this.handleMs.get(queueId);
  }

  snapshot(queueId: string, live: { waiting: number; longestWaitMs: number; agentsAvailable: number }): QueueStats {
    const c = this.today(queueId);
    const denominator = c.answered + c.abandonedLate;
    const aht = this.handleMs.get(queueId);
    return {
      queueId,
      waiting: live.waiting,
      longestWaitSeconds: live.longestWaitMs / 1000,
      offered: c.offered,
      answered: c.answered,
      abandoned: c.abandoned,
      serviceLevel: denominator === 0 ? null : c.answeredInTime / denominator,
      agentsAvailable: live.agentsAvailable,
      averageHandleSeconds: aht === undefined ? null : aht / 1000,
    };
  }

  private today(queueId: string): Counters {
    const day = Math.floor(this.now() / DAY_MS);
    let c = this.counters.get(queueId);
    if (!c || c.day !== day) {
      c = { day, offered: 0, answered: 0, answeredInTime: 0, abandoned: 0, abandonedLate: 0 };
      this.counters.set(queueId, c);
    }
    return c;
  }
}
