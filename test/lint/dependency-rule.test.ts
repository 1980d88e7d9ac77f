/**
 * The dependency rule of DESIGN.md ("Data flow"), as `npm run lint` enforces it
 * (eslint.config.js, eslint-plugin-boundaries): one import per case, linted as if it were a
 * file of the layer named by `file`. Wrong-way imports are errors of boundaries/dependencies;
 * the allowed ones are not. The imported files are real, so the resolver places them in
 * their layer exactly as it does for the project's own code.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const RULE = 'boundaries/dependencies';

interface Case {
  /** Where the probe file would live. */
  readonly file: string;
  readonly code: string;
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Messages of the dependency rule for `code` linted as `file`. */
async function dependencyErrors({ file, code }: Case): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

/** The imports' targets must exist, else a case would test the resolver, not the rule. */
function assertTargetsExist({ file, code }: Case): void {
  for (const [, target] of code.matchAll(/(?:from |import |import\()'(\.[^']+)'/g)) {
    const path = resolve(dirname(join(root, file)), target!).replace(/\.js$/, '.ts');
    expect(existsSync(path), `${path} exists`).toBe(true);
  }
}

const forbidden: ReadonlyArray<[string, Case, RegExp]> = [
  ['activities → worker/', { file: 'activities/probe.ts', code: "import '../worker/logger.js';\n" }, /"activities" to elements of type "worker"/],
  ['activities → worker/ (even a type)', { file: 'activities/probe.ts', code: "import type { Logger } from '../worker/logger.js';\nexport type L = Logger;\n" }, /"activities" to elements of type "worker"/],
  ['activities → worker/ by re-export', { file: 'activities/probe.ts', code: "export * from '../worker/logger.js';\n" }, /"activities" to elements of type "worker"/],
  [
    'activities → worker/ by dynamic import',
    { file: 'activities/probe.ts', code: "export async function load() {\n  return import('../worker/logger.js');\n}\n" },
    /"activities" to elements of type "worker"/,
  ],
  ['activities → cli/', { file: 'activities/probe.ts', code: "import '../cli/output.js';\n" }, /"activities" to elements of type "cli"/],
  ['mappings → store/', { file: 'mappings/amazon/probe.ts', code: "import '../../store/db.js';\n" }, /"mapping".* to elements of type "store"/],
  ['mappings → engines/', { file: 'mappings/dhl/probe.ts', code: "import { convert } from '../../engines/fx/index.js';\nexport const c = convert;\n" }, /"mapping".* to elements of type "engine"/],
  [
    'mappings → a value of connectors/<v>/schemas.ts',
    { file: 'mappings/amazon/probe.ts', code: "import { AmazonMoneySchema } from '../../connectors/amazon/schemas.js';\nexport const s = AmazonMoneySchema;\n" },
    /"mapping".* to elements of type "connector"/,
  ],
  [
    'mappings → connectors/<v>/schemas.ts with an inline `type` (still a runtime import under verbatimModuleSyntax)',
    { file: 'mappings/amazon/probe.ts', code: "import { type AmazonMoney } from '../../connectors/amazon/schemas.js';\nexport type M = AmazonMoney;\n" },
    /"mapping".* to file of category "wire-schema"/,
  ],
  [
    "mappings → another vendor's schemas, even as types",
    { file: 'mappings/dhl/probe.ts', code: "import type { AmazonMoney } from '../../connectors/amazon/schemas.js';\nexport type M = AmazonMoney;\n" },
    /"mapping" and captured values: vendor="dhl" to file of category "wire-schema" belonging to elements of type "connector" and captured values: vendor="amazon"/,
  ],
  ['mappings → connector code', { file: 'mappings/amazon/probe.ts', code: "import '../../connectors/amazon/index.js';\n" }, /"mapping".* to elements of type "connector"/],
  ['mappings → Node built-ins', { file: 'mappings/amazon/probe.ts', code: "import { createHash } from 'node:crypto';\nexport const h = createHash;\n" }, /mappings and engines are pure/],
  ['engines → store/', { file: 'engines/tax/probe.ts', code: "import '../../store/db.js';\n" }, /"engine".* to elements of type "store"/],
  ['engines → axios', { file: 'engines/duty/probe.ts', code: "import axios from 'axios';\nexport const a = axios;\n" }, /mappings and engines are pure/],
  ['engines other than listing → jsonata', { file: 'engines/pricing/probe.ts', code: "import jsonata from 'jsonata';\nexport const j = jsonata;\n" }, /mappings and engines are pure/],
  ['mappings → ajv', { file: 'mappings/amazon/probe.ts', code: "import { Ajv2019 } from 'ajv/dist/2019.js';\nexport const a = Ajv2019;\n" }, /mappings and engines are pure/],
  ['connectors → store/', { file: 'connectors/amazon/probe.ts', code: "import '../../store/db.js';\n" }, /"connector".* to elements of type "store"/],
  ['connectors → mappings/', { file: 'connectors/amazon/probe.ts', code: "import '../../mappings/amazon/index.js';\n" }, /"connector".* to elements of type "mapping"/],
  ['connectors → the canonical model', { file: 'connectors/dhl/probe.ts', code: "import type { Money } from '../../mappings/canonical/money.js';\nexport type M = Money;\n" }, /"connector".* to elements of type "canonical"/],
  ['connectors → engines/', { file: 'connectors/avalara/probe.ts', code: "import '../../engines/tax/index.js';\n" }, /"connector".* to elements of type "engine"/],
  ["connectors → another vendor's folder", { file: 'connectors/dhl/probe.ts', code: "import '../amazon/index.js';\n" }, /vendor="dhl" to elements of type "connector" and captured values: vendor="amazon"/],
  ['connectors → Temporal', { file: 'connectors/amazon/probe.ts', code: "import { Context } from '@temporalio/activity';\nexport const c = Context;\n" }, /connectors never use Temporal or the store/],
  ['connectors → knex', { file: 'connectors/http/probe.ts', code: "import knex from 'knex';\nexport const k = knex;\n" }, /connectors never use Temporal or the store/],
  [
    'sandbox/vies → a value of connectors/vies',
    { file: 'sandbox/vies/probe.ts', code: "import { VIES_MEMBER_STATES } from '../../connectors/vies/member-states.js';\nexport const m = VIES_MEMBER_STATES;\n" },
    /"sandbox" and captured values: vendor="vies" to elements of type "connector"/,
  ],
  ['sandbox → the mapping of its vendor', { file: 'sandbox/amazon/probe.ts', code: "import '../../mappings/amazon/index.js';\n" }, /"sandbox".* to elements of type "mapping"/],
  ['workflows → node:fs', { file: 'workflows/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n" }, /workflow code is deterministic/],
  ['workflows → axios', { file: 'workflows/probe.ts', code: "import axios from 'axios';\nexport const a = axios;\n" }, /workflow code is deterministic/],
  ['workflows → connectors/', { file: 'workflows/probe.ts', code: "import '../connectors/amazon/index.js';\n" }, /"workflows" to elements of type "connector"/],
  ['workflows → activity code (a value)', { file: 'workflows/probe.ts', code: "import '../activities/orders-sync.js';\n" }, /"workflows" to elements of type "activities"/],
  ['workflows → store/', { file: 'workflows/probe.ts', code: "import type { Knex } from 'knex';\nexport type K = Knex;\n" }, /workflow code is deterministic/],
  ['config → activities/', { file: 'config/probe.ts', code: "import '../activities/fx.js';\n" }, /"config" to elements of type "activities"/],
  ['config → connector code beyond its settings', { file: 'config/probe.ts', code: "import '../connectors/amazon/client.js';\n" }, /"config" to elements of type "connector"/],
  ['store → connector code', { file: 'store/probe.ts', code: "import '../connectors/http/errors.js';\n" }, /"store" to elements of type "connector-http"/],
  ['store → a vendor connector, even as types', { file: 'store/probe.ts', code: "import type { AmazonMoney } from '../connectors/amazon/schemas.js';\nexport type M = AmazonMoney;\n" }, /"store" to file of category "wire-schema"/],
  ['worker → cli/', { file: 'worker/probe.ts', code: "import '../cli/output.js';\n" }, /"worker" to elements of type "cli"/],
  ['temporal.config.ts → anything but @temporalio/common', { file: 'temporal.config.ts', code: "import { z } from 'zod';\nexport const s = z.string();\n" }, /temporal\.config\.ts holds constants/],
];

const allowed: ReadonlyArray<[string, Case]> = [
  ['mappings → types of their vendor’s connectors/<v>/schemas.ts', { file: 'mappings/amazon/probe.ts', code: "import type { AmazonMoney } from '../../connectors/amazon/schemas.js';\nexport type M = AmazonMoney;\n" }],
  ['mappings → the canonical model', { file: 'mappings/amazon/probe.ts', code: "import { MoneySchema } from '../canonical/money.js';\nexport const m = MoneySchema;\n" }],
  ['activities → connectors/', { file: 'activities/probe.ts', code: "import '../connectors/amazon/index.js';\n" }],
  ['activities → mappings, engines, store, config', { file: 'activities/probe.ts', code: "import '../mappings/amazon/index.js';\nimport '../engines/fx/index.js';\nimport '../store/db.js';\nimport '../config/errors.js';\n" }],
  ['engines → the canonical model and other engines', { file: 'engines/tax/probe.ts', code: "import '../fx/index.js';\nimport '../../mappings/canonical/money.js';\n" }],
  ['engines/listing → jsonata and ajv (expressions and product type schemas, no I/O)', { file: 'engines/listing/probe.ts', code: "import jsonata from 'jsonata';\nimport { Ajv2019 } from 'ajv/dist/2019.js';\nimport formats from 'ajv-formats';\nexport const x = [jsonata, Ajv2019, formats];\n" }],
  ['connectors → connectors/http and their own folder', { file: 'connectors/amazon/probe.ts', code: "import '../http/errors.js';\nimport './schemas.js';\n" }],
  ['sandbox/vies → types of connectors/vies/schemas.ts', { file: 'sandbox/vies/probe.ts', code: "import type { ViesCheckVatRequest } from '../../connectors/vies/schemas.js';\nexport type R = ViesCheckVatRequest;\n" }],
  ['workflows → @temporalio/workflow, activity types, temporal.config.ts', { file: 'workflows/probe.ts', code: "import { proxyActivities } from '@temporalio/workflow';\nimport type { SyncWindow } from '../activities/orders-sync-types.js';\nimport { TASK_QUEUES } from '../temporal.config.js';\nexport const p = [proxyActivities, TASK_QUEUES];\nexport type A = SyncWindow;\n" }],
  ['store → types of connectors/http (a port it implements)', { file: 'store/probe.ts', code: "import type { ConnectorErrorKind } from '../connectors/http/errors.js';\nexport type E = ConnectorErrorKind;\n" }],
  ['worker → activities and config', { file: 'worker/probe.ts', code: "import '../activities/fx.js';\nimport '../config/errors.js';\n" }],
  ['cli → worker and the sandboxes', { file: 'cli/probe.ts', code: "import '../worker/logger.js';\nimport '../sandbox/amazon/index.js';\n" }],
];

describe('the dependency rule is enforced by lint (boundaries/dependencies)', () => {
  it.each(forbidden)('%s is an error', async (_name, probe, message) => {
    assertTargetsExist(probe);
    const errors = await dependencyErrors(probe);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)('%s is allowed', async (_name, probe) => {
    assertTargetsExist(probe);
    expect(await dependencyErrors(probe)).toEqual([]);
  });

  it('a .ts file outside every layer is an error, so no folder escapes the rule', async () => {
    const [result] = await eslint.lintText('export const x = 1;\n', { filePath: join(root, 'newlayer/probe.ts') });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['boundaries/no-unknown-files']);
  });
});
