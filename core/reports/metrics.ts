/**
 * The contact-centre figures of a set of interactions. Every formula is written out in
 * core/reports/README.md; the short version:
 *
 * - offered: entered a queue (queued_at set); answered: offered and answered_at set;
 *   abandoned: offered, flagged abandoned, never answered; short abandon: abandoned within 5 s.
 * - service level = answered within the queue's threshold / (offered - short abandons)
 * - abandonment rate = (abandoned - short abandons) / (offered - short abandons)
 * - ASA = mean queue wait of answered; AHT = mean (talk + wrap-up) of answered
 * - resolution rate = resolved / answered; FCR: see summary.ts; CSAT over rated (1-5) only.
 */

/** One row of the interactions table, as reports read it (times in UTC epoch ms). */
export interface ReportInteraction {
  id: string;
  media: string;
  queueId: number | null;
  agentId: number | null;
  contactId: number | null;
  arrivedAt: number;
  queuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  wrapUpEndedAt: number | null;
  abandoned: boolean;
  waitMs: number | null;
  talkMs: number | null;
  resolved: boolean | null;
  csatScore: number | null;
}

export interface ReportMetrics {
  offered: number;
  answered: number;
  /** Short abandons included; they are also counted in `shortAbandoned`. */
  abandoned: number;
  shortAbandoned: number;
  answeredInThreshold: number;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  /** Fractions 0..1; null when their denominator is 0. */
  abandonmentRate: number | null;
  serviceLevel: number | null;
  resolved: number;
  resolutionRate: number | null;
  /** Answered interactions that were a contact's first within the FCR window. */
  fcrContacts: number;
  fcrResolved: number;
  fcrRate: number | null;
  rated: number;
  csatMean: number | null;
  /** Share of rated interactions scored 4 or 5. */
  csatSatisfied: number | null;
}

/** Abandons this quick are mis-dials or instant hang-ups, not customers the queue failed. */
export const SHORT_ABANDON_MS = 5000;

/** What one interaction contributes, decided once per row. */
export interface Facts {
  offered: boolean;
  answered: boolean;
  abandoned: boolean;
  shortAbandon: boolean;
  inThreshold: boolean;
  waitMs: number | null;
  handleMs: number | null;
  resolved: boolean;
  csat: number | null;
  /** undefined: not an FCR candidate; otherwise whether it was resolved at first contact. */
  fcr: boolean | undefined;
}

/**
 * The queue wait: wait_ms as the channel recorded it, else from the timestamps (queue entry to
 * answer, or to the end for those who left unanswered).
 */
function waitOf(row: ReportInteraction): number | null {
  if (row.waitMs !== null) return row.waitMs;
  if (row.queuedAt === null) return null;
  const until = row.answeredAt ?? row.endedAt;
  return until === null ? null : Math.max(0, until - row.queuedAt);
}

/** Talk (answer to end) plus wrap-up (end to wrap-up done); unknown while the interaction is still going. */
function handleOf(row: ReportInteraction): number | null {
  if (row.answeredAt === null) return null;
  const talk = row.talkMs ?? (row.endedAt === null ? null : Math.max(0, row.endedAt - row.answeredAt));
  if (talk === null) return null;
  const wrapUp = row.wrapUpEndedAt !== null && row.endedAt !== null ? Math.max(0, row.wrapUpEndedAt - row.endedAt) : 0;
  return talk + wrapUp;
}

export function factsOf(row: ReportInteraction, thresholdSeconds: number, fcr: boolean | undefined): Facts {
  const offered = row.queuedAt !== null;
  const answered = offered && row.answeredAt !== null;
  const abandoned = offered && !answered && row.abandoned;
  const waitMs = waitOf(row);
  const csat = row.csatScore !== null && row.csatScore >= 1 && row.csatScore <= 5 ? row.csatScore : null;
  return {
    offered,
    answered,
    abandoned,
    shortAbandon: abandoned && waitMs !== null && waitMs <= SHORT_ABANDON_MS,
    inThreshold: answered && waitMs !== null && waitMs <= thresholdSeconds * 1000,
    waitMs,
    handleMs: answered ? handleOf(row) : null,
    resolved: answered && row.resolved === true,
    csat: offered ? csat : null,
    fcr: answered ? fcr : undefined,
  };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Running totals for one group of a report. */
export class Tally {
  private offered = 0;
  private answered = 0;
  private abandoned = 0;
  private shortAbandoned = 0;
  private inThreshold = 0;
  private waitSum = 0;
  private waitCount = 0;
  private handleSum = 0;
  private handleCount = 0;
  private resolved = 0;
  private fcrContacts = 0;
  private fcrResolved = 0;
  private rated = 0;
  private csatSum = 0;
  private satisfied = 0;

  add(f: Facts): void {
    if (!f.offered) return;
    this.offered++;
    if (f.abandoned) this.abandoned++;
    if (f.shortAbandon) this.shortAbandoned++;
    if (f.answered) {
      this.answered++;
      if (f.inThreshold) this.inThreshold++;
      if (f.waitMs !== null) {
        this.waitSum += f.waitMs;
        this.waitCount++;
      }
      if (f.handleMs !== null) {
        this.handleSum += f.handleMs;
        this.handleCount++;
      }
      if (f.resolved) this.resolved++;
      if (f.fcr !== undefined) {
        this.fcrContacts++;
        if (f.fcr) this.fcrResolved++;
      }
    }
    if (f.csat !== null) {
      this.rated++;
      this.csatSum += f.csat;
      if (f.csat >= 4) this.satisfied++;
    }
  }

  result(): ReportMetrics {
    const counted = this.offered - this.shortAbandoned;
    return {
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      shortAbandoned: this.shortAbandoned,
      answeredInThreshold: this.inThreshold,
      asaSeconds: this.waitCount > 0 ? this.waitSum / this.waitCount / 1000 : null,
      ahtSeconds: this.handleCount > 0 ? this.handleSum / this.handleCount / 1000 : null,
      abandonmentRate: ratio(this.abandoned - this.shortAbandoned, counted),
      serviceLevel: ratio(this.inThreshold, counted),
      resolved: this.resolved,
      resolutionRate: ratio(this.resolved, this.answered),
      fcrContacts: this.fcrContacts,
      fcrResolved: this.fcrResolved,
      fcrRate: ratio(this.fcrResolved, this.fcrContacts),
      rated: this.rated,
      csatMean: this.rated > 0 ? this.csatSum / this.rated : null,
      csatSatisfied: ratio(this.satisfied, this.rated),
    };
  }
}
