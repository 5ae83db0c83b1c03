import pino from 'pino';

/** A logger for tests: silent unless TEST_LOG_LEVEL is set. */
export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
