import { Conflict } from '../errors';
import type { CancelReason } from './events';
import type { Kernel } from './kernel';
import type { InteractionRecord, QueueConfig } from './model';
import type { RingMode } from './strategies';

/** One interaction being rung: usually at one agent, at several for ring-all / ring-progressive. */
interface Offer {
  readonly interactionId: string;
  readonly queue: QueueConfig;
  readonly ringing: Set<string>;
  /** ring-progressive: agents still to add, in order. */
  readonly next: string[];
  /** Everyone rung during this offer (they become "tried" if it comes back). */
  readonly rung: string[];
  /** Creation order (withdrawals handle an agent's offers oldest first). */
  readonly seq: number;
  cancelTimeout: () => void;
  cancelStep: () => void;
}

const never = (): void => {};

/** reserve -> ring -> accept | reject | timeout, with the timers that drive it. */
export class Offers {
  private readonly live = new Map<string, Offer>();
  private seq = 0;

  constructor(private readonly k: Kernel) {}

  /** Ring the ordered agents as the queue's mode says; false if none could be reserved. */
  start(rec: InteractionRecord, ordered: readonly string[], mode: RingMode, queue: QueueConfig): boolean {
    const first = mode === 'all' ? ordered.length : 1;
    const offer: Offer = {
      interactionId: rec.id,
      queue,
      ringing: new Set(),
      next: mode === 'progressive' ? ordered.slice(1) : [],
      rung: [],
      seq: this.seq++,
      cancelTimeout: never,
      cancelStep: never,
    };
    this.live.set(rec.id, offer);
    for (let i = 0; i < first && i < ordered.length; i++) this.ring(offer, ordered[i] as string);
    if (mode === 'progressive') while (offer.ringing.size === 0 && offer.next.length > 0) this.ring(offer, offer.next.shift() as string);
    if (offer.ringing.size === 0) {
      this.live.delete(rec.id);
      return false;
    }
    this.armTimeout(offer);
    this.armStep(offer);
    return true;
  }

  accept(agentId: string, interactionId: string): InteractionRecord {
    const offer = this.live.get(interactionId);
    if (!offer?.ringing.has(agentId)) throw new Conflict(`${interactionId} is not ringing at ${agentId}`, { refusal: 'not_offered' });
    this.k.agent(agentId, { type: 'accept', interactionId });
    offer.ringing.delete(agentId);
    this.close(offer, 'answered_elsewhere');
    const now = this.k.now();
    const rec: InteractionRecord = { ...this.k.record(interactionId), status: 'active', agentId, acceptedAt: now };
    this.k.publish({ type: 'accepted', at: now, interaction: rec, agentId });
    this.k.stats.answered(rec.queueId, now - rec.queueEnteredAt, offer.queue.serviceLevelSeconds);
    return rec;
  }

  reject(agentId: string, interactionId: string): void {
    const offer = this.live.get(interactionId);
    if (!offer?.ringing.has(agentId)) throw new Conflict(`${interactionId} is not ringing at ${agentId}`, { refusal: 'not_offered' });
    this.miss(offer, agentId, 'rejected');
    this.afterLoss(offer);
  }

  /** The caller left while ringing: stop every phone, no one is blamed. */
  abandon(interactionId: string): void {
    const offer = this.live.get(interactionId);
    if (offer) this.close(offer, 'abandoned');
  }

  /** The agent stepped away: their rings end without a miss and the interaction moves on. */
  withdrawAgent(agentId: string, reason: CancelReason): void {
    // Only the offers ringing at this agent (its work items), not every live offer.
    const mine: Offer[] = [];
    for (const w of this.k.agents.state(agentId).work) {
      const offer = w.phase === 'ringing' || w.phase === 'reserved' ? this.live.get(w.interactionId) : undefined;
      if (offer?.ringing.has(agentId)) mine.push(offer);
    }
    mine.sort((a, b) => a.seq - b.seq);
    for (const offer of mine) {
      if (!offer.ringing.has(agentId)) continue;
      this.cancel(offer, agentId, reason);
      this.afterLoss(offer);
    }
  }

  private ring(offer: Offer, agentId: string): void {
    const rec = this.k.record(offer.interactionId);
    const reserved = this.k.agents.attempt(agentId, { type: 'reserve', interactionId: rec.id, media: rec.media, queueId: offer.queue.id }, this.k.now());
    if (typeof reserved === 'string') return;
    this.k.agent(agentId, { type: 'ring', interactionId: rec.id });
    offer.ringing.add(agentId);
    offer.rung.push(agentId);
    const next: InteractionRecord = { ...rec, status: 'offered' };
    this.k.publish({ type: 'offered', at: this.k.now(), interaction: next, agentId });
  }

  private armTimeout(offer: Offer): void {
    offer.cancelTimeout();
    offer.cancelTimeout = this.k.timer(offer.queue.offerTimeoutSeconds * 1000, () => this.timeout(offer));
  }

  /** ring-progressive: one more agent every step; the offer gives up a full timeout after the last joined. */
  private armStep(offer: Offer): void {
    if (offer.next.length === 0) return;
    offer.cancelStep = this.k.timer(offer.queue.ringStepSeconds * 1000, () => {
      this.addNext(offer);
      this.armStep(offer);
    });
  }

  private addNext(offer: Offer): void {
    const before = offer.ringing.size;
    while (offer.ringing.size === before && offer.next.length > 0) this.ring(offer, offer.next.shift() as string);
    if (offer.ringing.size > before) this.armTimeout(offer);
  }

  private timeout(offer: Offer): void {
    for (const agentId of [...offer.ringing]) this.miss(offer, agentId, 'timed_out');
    this.giveUp(offer);
  }

  private miss(offer: Offer, agentId: string, type: 'rejected' | 'timed_out'): void {
    this.k.agent(agentId, { type: 'miss', interactionId: offer.interactionId, maxMisses: offer.queue.maxConsecutiveMisses });
    offer.ringing.delete(agentId);
    this.k.publish({ type, at: this.k.now(), interaction: this.k.record(offer.interactionId), agentId });
  }

  private cancel(offer: Offer, agentId: string, reason: CancelReason): void {
    this.k.agent(agentId, { type: 'cancel', interactionId: offer.interactionId });
    offer.ringing.delete(agentId);
    this.k.publish({ type: 'offer_cancelled', at: this.k.now(), interaction: this.k.record(offer.interactionId), agentId, reason });
  }

  /**
   * Someone dropped out; if nobody is left ringing it goes back to the queue (skipping whoever
   * was rung) rather than straight to the next agent on its list: an agent leaving can free
   * several interactions at once, and only the queue can serve them oldest first.
   */
  private afterLoss(offer: Offer): void {
    if (offer.ringing.size === 0) this.giveUp(offer);
  }

  private giveUp(offer: Offer): void {
    this.close(offer, 'withdrawn');
    this.k.requeue(this.k.record(offer.interactionId), offer.rung);
  }

  private close(offer: Offer, reason: CancelReason): void {
    offer.cancelTimeout();
    offer.cancelStep();
    for (const agentId of [...offer.ringing]) this.cancel(offer, agentId, reason);
    this.live.delete(offer.interactionId);
  }
}
