// Lint: typescript-eslint recommended, plus the dependency rule of DESIGN.md ("Data flow")
// enforced with eslint-plugin-boundaries: every file belongs to one layer (element), and
// an import between layers, or of a package, is an error unless a policy below allows it.
// test/lint/dependency-rule.test.ts shows each policy failing on a wrong-way import.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers: each is a folder (a vendor's folder for connectors, mappings, engines and
 * sandboxes). A file belongs to the first layer whose folder holds it (deeper folders first).
 */
const elements = [
  { type: 'test', pattern: 'test', partialMatch: false },
  { type: 'bench', pattern: 'bench', partialMatch: false },
  { type: 'workflows', pattern: 'workflows', partialMatch: false },
  { type: 'activities', pattern: 'activities', partialMatch: false },
  { type: 'connector-http', pattern: 'connectors/http', partialMatch: false, stopMatching: true },
  { type: 'connector', pattern: 'connectors/*', partialMatch: false, capture: ['vendor'] },
  // Files directly in connectors/: registry.ts (every vendor's descriptor) and the capability interfaces.
  { type: 'connector-registry', pattern: 'connectors', partialMatch: false },
  { type: 'canonical', pattern: 'mappings/canonical', partialMatch: false, stopMatching: true },
  { type: 'mapping', pattern: 'mappings/*', partialMatch: false, capture: ['vendor'] },
  { type: 'engine', pattern: 'engines/*', partialMatch: false, capture: ['engine'] },
  { type: 'store', pattern: 'store', partialMatch: false },
  { type: 'config', pattern: 'config', partialMatch: false },
  { type: 'worker', pattern: 'worker', partialMatch: false },
  { type: 'cli', pattern: 'cli', partialMatch: false },
  // `caravan serve`: the HTTP intake of webhooks (fastify), on top like worker/.
  { type: 'server', pattern: 'server', partialMatch: false },
  // Plumbing every stand-in shares (listening, closing): Node only, no vendor's code.
  { type: 'sandbox-kit', pattern: 'sandbox/kit', partialMatch: false },
  { type: 'sandbox', pattern: 'sandbox/*', partialMatch: false, capture: ['vendor'] },
  // sandbox/main.ts starts every stand-in.
  { type: 'sandbox-main', pattern: 'sandbox', partialMatch: false },
];

/** Files with a role of their own inside (or outside) a layer. */
const files = [
  // The one description of a vendor's wire format (zod): mappings and sandboxes take its
  // types with `import type` (an inline `import { type X }` stays a runtime import under
  // verbatimModuleSyntax, so it counts as a value import).
  { category: 'wire-schema', pattern: ['connectors/*/schemas.ts', 'connectors/*/schemas/**'], partialMatch: false },
  { category: 'temporal-config', pattern: 'temporal.config.ts', partialMatch: false },
  { category: 'tooling', pattern: 'vitest.config.ts', partialMatch: false },
];

const packages = { module: { origin: ['external', 'core'] } };
const layer = (type, extra = {}) => ({ element: { type, ...extra } });
const typeOnly = { kind: 'type' };
const wireSchema = (extra = {}) => ({ element: { type: 'connector', ...extra }, file: { categories: 'wire-schema' } });
const temporalConfig = { file: { categories: 'temporal-config' } };
const sameVendor = { captured: { vendor: '{{ from.captured.vendor }}' } };

/** Policies are read in order; a later one overrides an earlier one for the same import. */
const policies = [
  // Packages: free, except where a layer must stay pure or deterministic (below).
  { allow: { to: packages } },
  // Imports within one layer (one vendor's folder for connectors, mappings and sandboxes)
  // are not checked (checkInternals: false).
  // Tests and the bench drive the whole system.
  { from: [layer('test'), layer('bench')], allow: { to: [{ element: { type: '*' } }, temporalConfig] } },

  // workflows/: @temporalio/workflow, activity *types*, canonical *types*, temporal.config.ts.
  {
    from: layer('workflows'),
    disallow: { to: packages },
    message: 'workflow code is deterministic: no Node built-ins and no package but @temporalio/workflow (DESIGN.md, Data flow)',
  },
  { from: layer('workflows'), allow: { to: { module: { source: '@temporalio/workflow' } } } },
  { from: layer('workflows'), allow: { to: temporalConfig } },
  { from: layer('workflows'), allow: { to: [layer('activities'), layer('canonical')], dependency: typeOnly } },

  // temporal.config.ts: constants shared by workflows and workers.
  {
    from: temporalConfig,
    disallow: { to: packages },
    message: 'temporal.config.ts holds constants that workflow code imports: no package but @temporalio/common',
  },
  { from: temporalConfig, allow: { to: { module: { source: '@temporalio/common' } } } },

  // activities/: connectors, mappings, engines, store, config; never worker/ or cli/.
  {
    from: layer('activities'),
    allow: {
      to: [
        layer('connector'),
        layer('connector-http'),
        layer('connector-registry'),
        layer('mapping'),
        layer('canonical'),
        layer('engine'),
        layer('store'),
        layer('config'),
        temporalConfig,
      ],
    },
  },

  // mappings/: pure functions over mappings/canonical; the wire types come from the
  // vendor's connectors/<v>/schemas.ts, as types only (no connector code runs in a mapping).
  { from: layer('mapping'), allow: { to: layer('canonical') } },
  { from: layer('mapping'), allow: { to: wireSchema(sameVendor), dependency: typeOnly } },
  // engines/: pure computation over mappings/canonical, their own data and each other.
  { from: layer('engine'), allow: { to: [layer('canonical'), layer('engine')] } },
  // mappings/, engines/ and the canonical model: no I/O, no package but zod.
  {
    from: [layer('mapping'), layer('engine'), layer('canonical')],
    disallow: { to: packages },
    message: 'mappings and engines are pure: no Node built-ins and no package but zod (DESIGN.md, Data flow)',
  },
  { from: [layer('mapping'), layer('engine'), layer('canonical')], allow: { to: { module: { source: 'zod' } } } },
  // engines/listing evaluates the tenants' JSONata expressions and checks Amazon's product type
  // schemas (JSON Schema 2019-09): pure libraries, no I/O.
  {
    from: layer('engine', { captured: { engine: 'listing' } }),
    allow: { to: { module: { source: ['jsonata', 'ajv', 'ajv/dist/2019.js', 'ajv-formats'] } } },
  },

  // connectors/: their own folder, the shared pipeline and the registry's interfaces; never
  // Temporal, the store, mappings/ (canonical included: connectors return vendor data),
  // engines/, nor another vendor's folder.
  { from: layer('connector'), allow: { to: [layer('connector-http'), layer('connector-registry')] } },
  { from: layer('connector-registry'), allow: { to: [layer('connector'), layer('connector-http')] } },
  {
    from: [layer('connector'), layer('connector-http'), layer('connector-registry')],
    disallow: { to: { module: { source: ['@temporalio/**', 'knex', 'pg', 'better-sqlite3'] } } },
    message: 'connectors never use Temporal or the store (DESIGN.md, Data flow)',
  },

  // sandbox/: never the code it stands in for; its own tables, the canonical model, and the
  // vendor's wire *types* from connectors/<v>/schemas.ts.
  { from: layer('sandbox'), allow: { to: layer('canonical') } },
  { from: layer('sandbox'), allow: { to: wireSchema(sameVendor), dependency: typeOnly } },
  { from: layer('sandbox-main'), allow: { to: layer('sandbox') } },
  { from: layer('sandbox'), allow: { to: layer('sandbox-kit') } },

  // store/: knex and the canonical model; and, as types only, the ports of connectors/http it
  // implements (the shared rate-limit buckets), so the pipeline never imports the store.
  { from: layer('store'), allow: { to: layer('canonical') } },
  { from: layer('store'), allow: { to: layer('connector-http'), dependency: typeOnly } },
  // config/: the connectors' settings schemas (and the registry that lists them), the
  // canonical model and the engines' data schemas (tariff tables); never activities/worker/cli.
  {
    from: layer('config'),
    allow: { to: [layer('connector', { fileInternalPath: ['config.ts', 'descriptor.ts', 'index.ts'] }), layer('connector-registry'), layer('canonical'), layer('engine')] },
  },

  // worker/, server/ and cli/ sit on top: everything below (cli may start the worker, the server and the sandboxes).
  {
    from: [layer('worker'), layer('server'), layer('cli')],
    allow: {
      to: [
        layer('workflows'),
        layer('activities'),
        layer('connector'),
        layer('connector-http'),
        layer('connector-registry'),
        layer('mapping'),
        layer('canonical'),
        layer('engine'),
        layer('store'),
        layer('config'),
        temporalConfig,
      ],
    },
  },
  { from: layer('cli'), allow: { to: [layer('worker'), layer('server'), layer('sandbox')] } },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', '.caravan/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'boundaries/include': ['**/*.ts'],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, policies }],
      // A .ts file outside every layer would escape the rule: name its layer above first.
      'boundaries/no-unknown-files': 'error',
    },
  },
);
