// Lint: typescript-eslint recommended, plus the dependency rule of DESIGN.md enforced
// with no-restricted-imports (workflows stay deterministic; connectors stay below the store).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'url', 'stream', 'zlib', 'dns', 'tls', 'worker_threads', 'timers'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'workflow code must not do I/O (Node built-ins)' },
            { group: ['axios', 'knex', 'pino', 'pg', 'better-sqlite3', 'p-retry', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'workflow code must not do I/O' },
            { group: ['**/connectors/**', '**/store/**', '**/worker/**', '**/cli/**', '**/sandbox/**'], message: 'workflows import only types from activities/ and constants from temporal.config.ts' },
            { group: ['**/activities/**'], allowTypeImports: true, message: 'workflows import activity *types* only' },
          ],
        },
      ],
    },
  },
  {
    files: ['mappings/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'axios', 'knex', 'pino', '@temporalio/*'], message: 'mappings are pure functions' },
            { group: ['**/store/**', '**/activities/**', '**/workflows/**', '**/worker/**'], message: 'mappings use only mappings/canonical' },
            { regex: '(^|/)connectors/(?![^/]+/schemas\\.js$)', message: 'mappings use only mappings/canonical' },
            // One description per wire format: mappings take the wire *types* from the connectors' zod schemas.
            { regex: '(^|/)connectors/[^/]+/schemas\\.js$', allowTypeImports: true, message: 'mappings import only types from connectors/*/schemas.ts' },
          ],
        },
      ],
    },
  },
  {
    files: ['engines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'axios', 'knex', 'pino', '@temporalio/*'], message: 'engines are pure functions over dated data' },
            { group: ['**/connectors/**', '**/store/**', '**/activities/**', '**/workflows/**', '**/worker/**', '**/cli/**'], message: 'engines use only mappings/canonical (and other engines)' },
          ],
        },
      ],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@temporalio/*', 'knex', '**/store/**', '**/activities/**', '**/workflows/**'], message: 'connectors never import Temporal or the store' }] },
      ],
    },
  },
);
