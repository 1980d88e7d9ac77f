/** `caravan map KIND FILE [--items FILE]`: what a vendor payload maps to, or why it cannot. */
import { readFileSync } from 'node:fs';
import { RECORD_KINDS, type MappedRecord } from '../record-kinds.js';
import { CliError } from '../output.js';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
  }
}

export function mapCommand(kind: string, file: string, opts: { items?: string; channel?: string }): { results: MappedRecord[]; output: string } {
  const k = RECORD_KINDS[kind];
  if (!k) {
    throw new CliError(`unknown record kind "${kind}". Known kinds:\n${listKinds()}`);
  }
  const doc = readJson(file);
  const extra = opts.items ? readJson(opts.items) : undefined;
  let results: MappedRecord[];
  try {
    results = k.map(doc, extra, { channel: opts.channel ?? kind.split('.')[0]! });
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const output = JSON.stringify(
    results.map((r) => (r.ok ? r.record : { error: r.error })),
    null,
    2,
  );
  return { results, output };
}

export function listKinds(): string {
  return Object.entries(RECORD_KINDS)
    .map(([name, k]) => `  ${name.padEnd(16)} ${k.description}`)
    .join('\n');
}
