import { overflowReason, type ExitReason } from './events';
import type { Kernel } from './kernel';
import type { InteractionRecord, OverflowRule, QueueConfig } from './model';

type Step = { kind: 'rule'; rule: OverflowRule; due: number } | { kind: 'max_wait'; due: number };

/**
 * Overflow rules and max wait, each counted from entry into the current queue. One timer per
 * waiting interaction, always set for its next due step; a step that falls due while the
 * interaction is ringing is applied when it comes back to the queue.
 */
export class Overflow {
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly k: Kernel,
    private readonly exit: (rec: InteractionRecord, reason: ExitReason) => void,
  ) {}

  arm(rec: InteractionRecord): void {
    this.disarm(rec.id);
    const step = nextStep(rec, this.k.queue(rec.queueId));
    if (!step) return;
    const cancel = this.k.timer(step.due - this.k.now(), () => {
      this.timers.delete(rec.id);
      this.k.toDispatch.push(rec.id);
    });
    this.timers.set(rec.id, cancel);
  }

  disarm(id: string): void {
    this.timers.get(id)?.();
    this.timers.delete(id);
  }

  /** Apply every step already due; returns the record as it now stands, or null if it left. */
  applyDue(start: InteractionRecord): InteractionRecord | null {
    let rec = start;
    for (let step = nextStep(rec, this.k.queue(rec.queueId)); step && step.due <= this.k.now(); step = nextStep(rec, this.k.queue(rec.queueId))) {
      if (step.kind === 'max_wait') {
        this.exit(rec, 'max_wait');
        return null;
      }
      const reason = overflowReason(step.rule.action);
      if (reason) {
        this.exit(rec, reason);
        return null;
      }
      rec = this.apply(rec, step.rule);
    }
    this.arm(rec);
    return rec;
  }

  private apply(rec: InteractionRecord, rule: OverflowRule): InteractionRecord {
    const now = this.k.now();
    const target = rule.action === 'move_queue' ? this.k.queues.get(rule.targetQueueId ?? '') : undefined;
    let next: InteractionRecord;
    if (rule.action === 'widen_skills') {
      next = { ...rec, skills: {}, rulesApplied: rec.rulesApplied + 1 };
    } else if (target?.media.includes(rec.media)) {
      // enqueuedAt is kept: the interaction keeps its place by original arrival in the new queue.
      next = { ...rec, queueId: target.id, queueEnteredAt: now, rulesApplied: 0 };
      this.k.stats.entered(target.id);
    } else {
      // A target that cannot take this media is skipped rather than stranding the interaction.
      return { ...rec, rulesApplied: rec.rulesApplied + 1 };
    }
    this.k.waiting.remove(rec.id);
    this.k.waiting.add(next, this.k.queue(next.queueId).agingSeconds);
    const action = rule.action === 'widen_skills' ? 'widen_skills' : 'move_queue';
    this.k.publish({ type: 'overflowed', at: now, interaction: next, action, fromQueueId: rec.queueId });
    return next;
  }
}

function nextStep(rec: InteractionRecord, queue: QueueConfig): Step | null {
  const rule = queue.overflow[rec.rulesApplied];
  const ruleStep: Step | null = rule ? { kind: 'rule', rule, due: rec.queueEnteredAt + rule.afterSeconds * 1000 } : null;
  const maxStep: Step | null = queue.maxWaitSeconds === null ? null : { kind: 'max_wait', due: rec.queueEnteredAt + queue.maxWaitSeconds * 1000 };
  if (!ruleStep) return maxStep;
  if (!maxStep) return ruleStep;
  return maxStep.due < ruleStep.due ? maxStep : ruleStep;
}
