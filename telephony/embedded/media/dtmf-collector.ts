import { ValidationError } from '../../../core/errors';

export interface CollectOptions {
  minDigits?: number;
  maxDigits: number;
  /** Keys that end collection (not included in `digits`), e.g. '#'. */
  terminators?: string;
  /** How long to wait for the first digit; defaults to `interDigitTimeoutMs`. */
  firstDigitTimeoutMs?: number;
  interDigitTimeoutMs: number;
  /** Hard limit on the whole collection, measured from start. */
  totalTimeoutMs?: number;
}

export type CollectReason = 'max' | 'terminator' | 'timeout' | 'no-input' | 'total-timeout' | 'cancelled';

export interface CollectResult {
  digits: string;
  reason: CollectReason;
  terminator: string | null;
  /** Whether at least `minDigits` were collected. */
  valid: boolean;
}

/**
 * Play-and-collect as a pure state machine: feed digits with `onDigit`, advance time with
 * `tick(nowMs)`; each returns the result once collection finishes and null before.
 */
export class DtmfCollector {
  private digits = '';
  private startedAt: number;
  private lastActivity: number;
  private done: CollectResult | null = null;
  private readonly min: number;
  private readonly terminators: string;
  private readonly firstTimeout: number;

  constructor(private readonly options: CollectOptions, nowMs: number) {
    this.min = options.minDigits ?? 1;
    this.terminators = options.terminators ?? '';
    this.firstTimeout = options.firstDigitTimeoutMs ?? options.interDigitTimeoutMs;
    if (options.maxDigits < 1 || this.min > options.maxDigits) {
      throw new ValidationError('collect needs 1 <= minDigits <= maxDigits');
    }
    this.startedAt = nowMs;
    this.lastActivity = nowMs;
  }

  get result(): CollectResult | null {
    return this.done;
  }

  /** Restarts the digit timers, e.g. when the prompt finishes playing. Digits are kept. */
  restartTimers(nowMs: number): void {
    if (this.done) return;
    this.lastActivity = nowMs;
  }

  onDigit(digit: string, nowMs: number): CollectResult | null {
    if (this.done) return this.done;
    if (this.terminators.includes(digit)) return this.finish('terminator', digit);
    this.digits += digit;
    this.lastActivity = nowMs;
    if (this.digits.length >= this.options.maxDigits) return this.finish('max', null);
    return null;
  }

  tick(nowMs: number): CollectResult | null {
    if (this.done) return this.done;
    const total = this.options.totalTimeoutMs;
    if (total !== undefined && nowMs - this.startedAt >= total) return this.finish('total-timeout', null);
    if (this.digits.length === 0) {
      if (nowMs - this.lastActivity >= this.firstTimeout) return this.finish('no-input', null);
    } else if (nowMs - this.lastActivity >= this.options.interDigitTimeoutMs) {
      return this.finish('timeout', null);
    }
    return null;
  }

  /** The next time `tick` could change the outcome, so an adapter can arm exactly one timer. */
  nextDeadline(): number | null {
    if (this.done) return null;
    const idle = this.lastActivity + (this.digits.length === 0 ? this.firstTimeout : this.options.interDigitTimeoutMs);
    const total = this.options.totalTimeoutMs;
    return total === undefined ? idle : Math.min(idle, this.startedAt + total);
  }

  cancel(): CollectResult {
    return this.done ?? this.finish('cancelled', null);
  }

  private finish(reason: CollectReason, terminator: string | null): CollectResult {
    this.done = { digits: this.digits, reason, terminator, valid: this.digits.length >= this.min };
    return this.done;
  }
}
