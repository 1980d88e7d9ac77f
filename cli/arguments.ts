/** Option parsers and the output sink shared by the command groups. */
import { InvalidArgumentError } from 'commander';

/** Where a command prints its result (stdout by default; tests collect it). */
export type Out = (line: string) => void;

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}
