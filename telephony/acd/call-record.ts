import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import type { Jobs } from '../../core/jobs/jobs';
import { cdrQueue, type CdrSnapshot, type LegSnapshot, type RecordingSnapshot } from '../../core/records/cdr';
import type { CallLeg, HangupCause } from '../engine';

/**
 * The CDR of one call as it happens. Each `save()` enqueues the whole snapshot through the jobs
 * port (durable), so a crash after hang-up loses nothing; the writer keeps the newest version.
 */
export class CallRecord {
  private readonly s: CdrSnapshot;

  constructor(
    private readonly jobs: Jobs,
    private readonly clock: Clock,
    init: Pick<CdrSnapshot, 'id' | 'media' | 'direction' | 'fromAddress' | 'toAddress'>,
  ) {
    this.s = {
      ...init,
      version: 0,
      state: 'ivr',
      queueId: null,
      agentId: null,
      contactId: null,
      priority: 0,
      skills: {},
      arrivedAt: clock.now(),
      ivrExitedAt: null,
      queuedAt: null,
      offeredAt: null,
      answeredAt: null,
      endedAt: null,
      abandoned: false,
      waitMs: null,
      talkMs: null,
      hangupCause: null,
      hangupSide: null,
      exitReason: null,
      disposition: null,
      notes: null,
      ivrPath: [],
      variables: {},
      legs: [],
      events: [],
      recordings: [],
    };
  }

  get id(): string {
    return this.s.id;
  }

  get snapshot(): Readonly<CdrSnapshot> {
    return this.s;
  }

  set(fields: Partial<Omit<CdrSnapshot, 'id' | 'version' | 'legs' | 'events' | 'recordings'>>): void {
    Object.assign(this.s, fields);
  }

  now(): number {
    return this.clock.now();
  }

  /** Adds a leg row for an engine leg; its answer and end fill themselves in. */
  addLeg(leg: CallLeg | null, role: LegSnapshot['role'], fields: Partial<LegSnapshot> = {}): LegSnapshot {
    const row: LegSnapshot = {
      id: randomUUID(),
      role,
      sipCallId: leg?.info.sipCallId ?? null,
      fromUri: leg?.info.from.uri ?? null,
      toUri: leg?.info.to.uri ?? null,
      agentId: null,
      codec: null,
      startedAt: this.clock.now(),
      answeredAt: leg?.state === 'answered' ? this.clock.now() : null,
      endedAt: null,
      hangupCause: null,
      hangupSide: null,
      ...fields,
    };
    this.s.legs.push(row);
    if (leg) this.track(leg, row);
    return row;
  }

  track(leg: CallLeg, row: LegSnapshot): void {
    row.sipCallId = leg.info.sipCallId;
    row.fromUri = leg.info.from.uri;
    row.toUri = leg.info.to.uri;
    if (leg.state === 'answered' && row.answeredAt === null) row.answeredAt = this.clock.now();
    leg.once('answered', () => (row.answeredAt ??= this.clock.now()));
    leg.once('ended', ({ cause, side }) => this.endLeg(row, cause, side === 'remote' ? 'remote' : 'local'));
  }

  endLeg(row: LegSnapshot, cause: HangupCause | string, side: string): void {
    if (row.endedAt !== null) return;
    row.endedAt = this.clock.now();
    row.hangupCause = cause;
    row.hangupSide = side;
  }

  event(type: string, data: Record<string, unknown> | null = null, legId: string | null = null): void {
    this.s.events.push({ type, at: this.clock.now(), legId, data });
  }

  recording(rec: RecordingSnapshot): RecordingSnapshot {
    this.s.recordings.push(rec);
    return rec;
  }

  /** The first write is direct, so tickets and recordings can refer to the row at once. */
  async open(writer: { write(s: CdrSnapshot): Promise<void> }): Promise<void> {
    this.s.version++;
    await writer.write(structuredClone(this.s));
  }

  async save(): Promise<void> {
    this.s.version++;
    await this.jobs.add(cdrQueue, structuredClone(this.s), { attempts: 10, backoffMs: 500 });
  }
}
