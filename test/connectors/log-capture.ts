/** A pino logger writing JSON lines into memory, with the worker's redaction paths. */
import { pino, type Logger } from 'pino';
import { PINO_REDACT_OPTIONS } from '../../connectors/http/redact.js';

export interface CapturedLogs {
  readonly logger: Logger;
  readonly lines: string[];
  text(): string;
  entries(): Record<string, unknown>[];
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const logger = pino({ level: 'trace', redact: PINO_REDACT_OPTIONS }, { write: (s: string) => void lines.push(s) });
  return {
    logger,
    lines,
    text: () => lines.join(''),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
