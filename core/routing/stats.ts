import { localParts } from '../calendar/business-hours';
import { SHORT_ABANDON_MS } from '../reports/metrics';

const DAY_MS = 86_400_000;
/** Weight of the newest handle time in the moving average. */
const ALPHA = 0.2;

interface Counters {
  /** Local date (YYYY-MM-DD) in the centre's zone. */
  day: string;
  offered: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  /** Gave up within SHORT_ABANDON_MS: left out of service level, as in the reports. */
  abandonedShort: number;
}

export interface QueueStats {
  readonly queueId: string;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
  /** Interactions that entered the queue today (local day in the centre's zone). */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** answered within threshold / (answered + abandoned - short abandons), today; null before any. Matches core/reports once nobody waits. */
  readonly serviceLevel: number | null;
  readonly agentsAvailable: number;
  readonly averageHandleSeconds: number | null;
}

/**
 * Today's counters per queue (the window rolls at local midnight in the centre's zone, default
 * Asia/Shanghai) and a moving average of handle time that estimatedWait uses. Counters start at
 * zero after a restart; reports read the interactions table.
 */
export class StatsBook {
  private readonly counters = new Map<string, Counters>();
  private readonly handleMs = new Map<string, number>();
  /** The local day being counted and when it ends (UTC ms), so the zone is consulted once a day. */
  private day = { key: '', end: -Infinity };

  constructor(
    private readonly now: () => number,
    private readonly zone = 'Asia/Shanghai',
  ) {}

  entered(queueId: string): void {
    this.today(queueId).offered++;
  }

  answered(queueId: string, waitedMs: number, thresholdSeconds: number): void {
    const c = this.today(queueId);
    c.answered++;
    if (waitedMs <= thresholdSeconds * 1000) c.answeredInTime++;
  }

  abandoned(queueId: string, waitedMs: number): void {
    const c = this.today(queueId);
    c.abandoned++;
    if (waitedMs <= SHORT_ABANDON_MS) c.abandonedShort++;
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
    const denominator = c.answered + c.abandoned - c.abandonedShort;
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
    const day = this.dayKey();
    let c = this.counters.get(queueId);
    if (!c || c.day !== day) {
      c = { day, offered: 0, answered: 0, answeredInTime: 0, abandoned: 0, abandonedShort: 0 };
      this.counters.set(queueId, c);
    }
    return c;
  }

  private dayKey(): string {
    const now = this.now();
    if (now < this.day.end) return this.day.key;
    const local = localParts(new Date(now), this.zone);
    // Zone offsets are whole minutes: local midnight is this many minutes (and seconds) ago.
    const start = now - local.minutes * 60_000 - (now % 60_000);
    this.day = { key: local.date, end: start + DAY_MS };
    return local.date;
  }
}
