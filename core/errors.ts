/** Typed domain errors. Callers branch on the class (or `status`), never on message text. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(message: string, readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'validation_failed';
}
export class Unauthorized extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
}
export class Forbidden extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
}
export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}
export class Conflict extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
}
export class TooManyRequests extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
}
export class Unavailable extends AppError {
  readonly status = 503;
  readonly code = 'unavailable';
}
