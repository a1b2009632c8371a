/**
 * Offline check of the test-electron suite, for machines that cannot download VS Code: loads the runner
 * and the suite with a stand-in for the `vscode` module and checks that they export what VS Code and
 * @vscode/test-electron call. It does not run the tests.
 *
 *   npm run build && node out/test/e2e/electron/load-check.js
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const load = createRequire(__filename);
// The CommonJS loader itself (an `import` of node:module would give a copy of its exports).
const mod = load('node:module') as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const stub = path.join(__dirname, '__vscode_stub__.js');
const original = mod._resolveFilename;
mod._resolveFilename = (request, parent, ...rest) =>
  request === 'vscode' ? stub : original.call(mod, request, parent, ...rest);
mod._cache[stub] = {
  id: stub,
  filename: stub,
  loaded: true,
  exports: { CodeActionKind: { QuickFix: { value: 'quickfix' } } },
};

const runner = load('./runTest') as { prepare: unknown };
assert.equal(typeof runner.prepare, 'function', 'runTest exports prepare()');
const suite = load('./suite') as { run: unknown };
assert.equal(typeof suite.run, 'function', 'suite/index exports run()');
const { tests } = load('./suite/tests') as { tests: { name: string }[] };
assert.ok(tests.length >= 4, 'the suite has its tests');
for (const t of tests) console.log(`loaded: ${t.name}`);
console.log(`test-electron suite loads: ${tests.length} tests (not run: no VS Code download here)`);
