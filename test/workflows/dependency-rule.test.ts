/**
 * The dependency rule of DESIGN.md, checked on the source: workflow code imports only
 * @temporalio/workflow (and @temporalio/common through temporal.config.ts), activity
 * *types*, and temporal.config.ts — never Node built-ins or I/O libraries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  src.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause?.isTypeOnly ||
        (!!clause?.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          !clause.name &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      out.push({ file, specifier: node.moduleSpecifier.text, typeOnly });
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ file, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    }
  });
  return out;
}

const root = join(import.meta.dirname, '..', '..');
const workflowFiles = readdirSync(join(root, 'workflows'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, 'workflows', f));

export function violations(imports: Import[]): string[] {
  return imports
    .filter(({ specifier, typeOnly }) => {
      if (specifier === '@temporalio/workflow') return false;
      if (specifier === '../temporal.config.js') return false;
      if (specifier.startsWith('./')) return false; // other workflow files, checked themselves
      if (typeOnly && (specifier.startsWith('../activities/') || specifier.startsWith('../mappings/canonical/'))) return false;
      return true;
    })
    .map((i) => `${i.file}: ${i.typeOnly ? 'import type' : 'import'} '${i.specifier}'`);
}

describe('workflow code imports no I/O', () => {
  it('finds the workflow files', () => {
    expect(workflowFiles.length).toBeGreaterThan(0);
  });

  it.each(workflowFiles)('%s obeys the dependency rule', (file) => {
    expect(violations(importsOf(file))).toEqual([]);
  });

  it('temporal.config.ts imports nothing but @temporalio/common', () => {
    const specs = importsOf(join(root, 'temporal.config.ts')).map((i) => i.specifier);
    expect(specs.every((s) => s === '@temporalio/common')).toBe(true);
  });

  it('flags a forbidden import (the check can fail)', () => {
    const bad: Import[] = [
      { file: 'x.ts', specifier: 'node:fs', typeOnly: false },
      { file: 'x.ts', specifier: '../activities/orders-sync.js', typeOnly: false },
      { file: 'x.ts', specifier: 'axios', typeOnly: false },
      { file: 'x.ts', specifier: '../activities/orders-sync-types.js', typeOnly: true },
    ];
    expect(violations(bad)).toHaveLength(3);
  });
});
