/** The static-sandbox request/response pairs of an SP-API model copied under test/fixtures/amazon/models. */
import { readFileSync } from 'node:fs';

type Model = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { 'x-amzn-api-sandbox'?: { static?: SandboxCase[] } }> }>> };

export interface SandboxCase {
  readonly request: { readonly parameters: Record<string, { readonly value: unknown }> };
  readonly response?: unknown;
}

const models = new Map<string, Model>();

function model(file: string): Model {
  let m = models.get(file);
  if (m === undefined) {
    m = JSON.parse(readFileSync(new URL(`../../fixtures/amazon/models/${file}`, import.meta.url), 'utf8')) as Model;
    models.set(file, m);
  }
  return m;
}

/** The `index`th static sandbox case of an operation's reply `status`. */
export function sandboxCase(file: string, operationId: string, status: string, index = 0): SandboxCase {
  for (const item of Object.values(model(file).paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId !== operationId) continue;
      const found = op.responses?.[status]?.['x-amzn-api-sandbox']?.static?.[index];
      if (found !== undefined) return found;
    }
  }
  throw new Error(`no sandbox case ${operationId} ${status} #${index} in ${file}`);
}
