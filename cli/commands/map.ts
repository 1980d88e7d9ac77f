/** `caravan map KIND FILE [--items FILE] [--shipment FILE]`: what a vendor payload maps to, or why it cannot. */
import { readFileSync } from 'node:fs';
import { RECORD_KINDS, type MapInputFile, type MappedRecord } from '../record-kinds.js';
import { CliError } from '../output.js';

function readInput(path: string): MapInputFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return {
    file: path,
    text,
    json() {
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
      }
    },
  };
}

export async function mapCommand(
  kind: string,
  file: string,
  opts: { items?: string; shipment?: string; channel?: string },
): Promise<{ results: MappedRecord[]; output: string }> {
  const k = RECORD_KINDS[kind];
  if (!k) {
    throw new CliError(`unknown record kind "${kind}". Known kinds:\n${listKinds()}`);
  }
  const input = readInput(file);
  const extra = {
    ...(opts.items ? { items: readInput(opts.items) } : {}),
    ...(opts.shipment ? { shipment: readInput(opts.shipment) } : {}),
  };
  let results: MappedRecord[];
  try {
    results = await k.map(input, extra, { channel: opts.channel ?? kind.split('.')[0]! });
  } catch (e) {
    if (e instanceof CliError) throw e;
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
    .map(([name, k]) => `  ${name.padEnd(20)} ${k.description}`)
    .join('\n');
}
