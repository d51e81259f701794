// One app use-case per Slack interaction (docs/decisions/205-one-use-case-per-interaction.md),
// checked on the imports: a listener module imports at most one use-case from src/app/, and
// the rest of src/slack/ that listeners render with (flows, views, parse, messages) imports none,
// so no helper can hide a second call. What a listener may import from app/ besides its one
// use-case: types, the event-loop helpers of use-case-tx.ts (whenUnlocked and its budgets), and
// constants (UPPER_CASE names).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const SLACK = join(SRC, 'slack');

/** Not use-cases: the event-loop rule's helpers (ADR 120). */
const HELPER_MODULES = new Set(['app/use-case-tx.ts']);

/**
 * Modules of src/slack/ outside listeners/ that may call into app/, each with why: the
 * composition of the Slack app itself, not an interaction's rendering.
 */
const SLACK_INFRASTRUCTURE = new Set([
  // The request guard and health check run around every request, before any listener.
  'slack/app.ts',
  'slack/start.ts',
  // Announces a request through the outbox (tests and the CLI path), not a listener's helper.
  'slack/announce-request.ts',
  // A pure formatter that lives in app/ (the CLI uses it too): text in, CSV text out.
  'slack/views/approval-card.ts',
]);

interface AppImport {
  readonly name: string;
  readonly module: string;
}

/** Value (non-type) names a module imports from src/app/, minus helpers and constants. */
function appUseCaseImports(file: string): AppImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: AppImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) continue;
    const module = relative(SRC, resolve(dirname(file), specifier));
    if (!module.startsWith('app/') || HELPER_MODULES.has(module)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (clause.name !== undefined) found.push({ name: clause.name.text, module });
    const bindings = clause.namedBindings;
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const name = element.name.text;
        if (/^[A-Z0-9_]+$/.test(name)) continue;
        found.push({ name, module });
      }
    }
  }
  return found;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const modules = listTs(SLACK).map((file) => ({ id: relative(SRC, file), file }));
const listeners = modules.filter(
  (m) => m.id.startsWith('slack/listeners/') && m.id !== 'slack/listeners/index.ts',
);

describe('one app use-case per Slack interaction', () => {
  it('finds the listener modules', () => {
    expect(listeners.length).toBeGreaterThan(10);
  });

  it('has each listener module import at most one use-case from app/', () => {
    const over = listeners
      .map(({ id, file }) => ({ id, useCases: appUseCaseImports(file).map((i) => i.name) }))
      .filter(({ useCases }) => useCases.length > 1)
      .map(({ id, useCases }) => `${id}: ${useCases.join(', ')}`);
    expect(over).toEqual([]);
  });

  it('has every listener module call its use-case (none imports app/ for nothing)', () => {
    const idle = listeners.filter(({ file }) => {
      const imported = appUseCaseImports(file);
      const text = readFileSync(file, 'utf8');
      return imported.some(({ name }) => !new RegExp(`\\b${name}\\(\\s*deps\\b`).test(text));
    });
    expect(idle.map((m) => m.id)).toEqual([]);
  });

  it('keeps flows, views, parsers and messages free of use-cases', () => {
    const helpers = modules.filter(
      (m) => !m.id.startsWith('slack/listeners/') && !SLACK_INFRASTRUCTURE.has(m.id),
    );
    const calling = helpers
      .map(({ id, file }) => ({ id, useCases: appUseCaseImports(file) }))
      .filter(({ useCases }) => useCases.length > 0)
      .map(({ id, useCases }) => `${id}: ${useCases.map((u) => u.name).join(', ')}`);
    expect(calling).toEqual([]);
  });

  it('counts value imports only (the checker itself works)', () => {
    const listener = listeners.find((m) => m.id === 'slack/listeners/approve.ts');
    expect(listener && appUseCaseImports(listener.file).map((i) => i.name)).toEqual([
      'approveFromSlack',
    ]);
  });
});
