/**
 * The process logger (pino, JSON lines). Secrets and buyers' personal data are
 * redacted by path before anything is written; connectors only log operation, status,
 * duration and request ids.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { PINO_REDACT_OPTIONS } from '../connectors/http/redact.js';

export type { Logger } from 'pino';

export function createLogger(opts: { level?: LevelWithSilent; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: opts.name ?? 'caravan',
      level: opts.level ?? 'info',
      redact: PINO_REDACT_OPTIONS,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? process.stdout,
  );
}
