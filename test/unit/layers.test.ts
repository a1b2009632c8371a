/**
 * The layer guard must be able to fail: small trees with one forbidden import each are cruised with the
 * project's dependency-cruiser configuration, and rule files naming a dialect's construct are linted with
 * the project's ESLint configuration. The real tree passing is checked by `npm run lint` itself.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Writes a tree of files under a fresh folder and cruises it; returns the names of the broken rules. */
function cruise(files: Record<string, string>): { status: number | null; rules: string[]; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-layers-'));
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }),
    );
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const r = spawnSync(
      process.execPath,
      [
        DEPCRUISE,
        'server/src',
        '--config',
        path.join(ROOT, '.dependency-cruiser.cjs'),
        '--output-type',
        'err',
        '--no-progress',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    const output = r.stdout + r.stderr;
    const rules = [...new Set([...output.matchAll(/^\s*error ([\w-]+):/gm)].map((m) => m[1] ?? ''))].sort();
    return { status: r.status, rules, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CLEAN = {
  'server/src/core/model.ts': 'export const model = 1;\n',
  'server/src/catalog/index.ts': "import { model } from '../core/model';\nexport const cat = model;\n",
  'server/src/rules/r.ts': "import { cat } from '../catalog/index';\nexport const r = cat;\n",
  'server/src/engine/analyze.ts': "import { r } from '../rules/r';\nexport const a = r;\n",
  'server/src/cli.ts': "import { a } from './engine/analyze';\nexport const cli = a;\n",
};

describe('layer guard (dependency-cruiser)', () => {
  it('passes a tree whose imports point one way', () => {
    const r = cruise(CLEAN);
    assert.deepEqual(r.rules, [], r.output);
    assert.equal(r.status, 0, r.output);
  });

  const cases: Array<[string, Record<string, string>, string]> = [
    ['core importing the catalogue', { 'server/src/core/x.ts': "import '../catalog/index';\n" }, 'core-is-a-leaf'],
    ['a rule importing the engine', { 'server/src/rules/x.ts': "import '../engine/analyze';\n" }, 'rules'],
    ['a parser importing a rule', { 'server/src/parse/x.ts': "import '../rules/r';\n" }, 'parse'],
    ['a writer importing the engine', { 'server/src/fixes/x.ts': "import '../engine/analyze';\n" }, 'fixes'],
    [
      'an import cycle',
      {
        'server/src/engine/p.ts': "import { q } from './q';\nexport const p = q;\n",
        'server/src/engine/q.ts': "import { p } from './p';\nexport const q = () => p;\n",
      },
      'no-circular',
    ],
    [
      'the engine reading files',
      { 'server/src/engine/io.ts': "import * as fs from 'node:fs';\nfs.x;\n" },
      'pure-engine',
    ],
    [
      'the protocol below the server',
      { 'server/src/workspace/w.ts': "import 'vscode-languageserver';\n" },
      'protocol-at-the-edge',
    ],
    [
      'the command line using the server',
      { 'server/src/cli/x.ts': "import '../lsp/session';\n", 'server/src/lsp/session.ts': 'export {};\n' },
      'cli-is-not-the-server',
    ],
  ];
  for (const [what, files, rule] of cases) {
    it(`fails on ${what} (${rule})`, () => {
      const r = cruise({ ...CLEAN, ...files });
      assert.ok(r.rules.includes(rule), `expected ${rule}, got ${r.rules.join(', ') || 'nothing'}\n${r.output}`);
      assert.notEqual(r.status, 0);
    });
  }
});

describe('rule files name no dialect construct (ESLint)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (code: string): Promise<string[]> => {
    const [res] = await eslint.lintText(code, { filePath: path.join(ROOT, 'server/src/rules/CG999-example.ts') });
    return (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it('accepts a rule that reads the catalogue', async () => {
    assert.deepEqual(await lint("export const x = (id: string): string => id + 'ALLOW_REFRESH_TOKEN_AUTH';\n"), []);
    assert.deepEqual(await lint("export const flows = ['client_credentials', 'phone_number'];\n"), []);
  });

  const bad: Array<[string, string]> = [
    ['a Terraform resource type', "export const t = 'aws_cognito_user_pool';\n"],
    ['a CloudFormation resource type', "export const t = 'AWS::Cognito::UserPool';\n"],
    ['a Terraform argument', "export const k = 'provider_name';\n"],
    ['a CloudFormation property', "export const k = 'ProviderName';\n"],
    ['an intrinsic in a message', 'export const m = (n: string): string => `read it with !GetAtt ${n}.ClientId`;\n'],
    ['a dialect name in a message', 'export const m = (n: string): string => `add ${n} to \\`depends_on\\``;\n'],
    ['a branch on the dialect', "export const f = (c: { dialect: string }): boolean => c.dialect === 'x';\n"],
  ];
  for (const [what, code] of bad) {
    it(`rejects ${what}`, async () => {
      assert.ok((await lint(code)).length > 0, code);
    });
  }
});
