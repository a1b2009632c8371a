/**
 * Module calls beyond one level: nested local modules (bounded, cycles cut), repeated calls (for_each and
 * count), the community shape (a `clients` list read with `lookup`), fixes that edit the caller, and the
 * other direction: what a caller's values bring out in the module's own file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/writers';
import { Workspace } from '../../server/src/workspace/workspace';
import { fixturePath, ROOT } from './helpers';

const NESTED = fixturePath('modules', 'nested');
const COMMUNITY = fixturePath('modules', 'community');

function check(file: string, scan?: string): ReturnType<typeof analyze> {
  const text = fs.readFileSync(file, 'utf8');
  const ws = new Workspace(scan ? { scanRoots: () => [scan] } : {});
  return analyze(text, file, ws.inputsFor(file, text));
}

const at = (a: ReturnType<typeof analyze>, ids?: string[]): string[] =>
  a.findings
    .filter((f) => !ids || ids.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);

function tmpTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-nesting-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A module whose client takes its flows and OAuth switch from the caller. */
const CLIENT_MODULE = `variable "flows" {
  type = list(string)
}
variable "hosted_ui" {
  type    = bool
  default = false
}
resource "aws_cognito_user_pool_client" "c" {
  name                                 = "c"
  user_pool_id                         = "us-east-1_abc"
  explicit_auth_flows                  = var.flows
  allowed_oauth_flows_user_pool_client = var.hosted_ui
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["https://app.example.com/cb"]
  prevent_user_existence_errors        = "ENABLED"
}
`;

describe('nested and repeated module calls', () => {
  it('a value written two calls up is reported where it is written, and its fix edits that file', () => {
    const a = check(path.join(NESTED, 'main.tf'));
    assert.deepEqual(at(a), ['CG104 4:13']);
    const f = a.findings[0];
    assert.match(f?.message ?? '', /\(in module\.app\.module\.web\.aws_cognito_user_pool_client\.this\)$/);
    assert.deepEqual(
      f?.related?.map((r) => [path.relative(NESTED, r.fileName), r.range.start.line + 1]),
      [[path.join('modules', 'client', 'main.tf'), 8]],
    );
    const text = fs.readFileSync(path.join(NESTED, 'main.tf'), 'utf8');
    const fixed = applyEdits(text, f?.fixes[0]?.edits ?? []).split('\n')[3];
    assert.equal(fixed, '  flows  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]');
  });

  it('the middle module reports what it writes itself, once, and nothing of its caller', () => {
    const a = check(path.join(NESTED, 'modules', 'app', 'main.tf'));
    assert.deepEqual(at(a), ['CG009 8:26'], 'the http callback it passes on; the flows are unknown here');
    assert.match(a.findings[0]?.message ?? '', /in module\.web\.aws_cognito_user_pool_client\.this/);
  });

  it('a module that calls itself is followed once and the analysis ends', () => {
    const a = check(path.join(NESTED, 'modules', 'client', 'main.tf'));
    assert.deepEqual(a.internalErrors, []);
    assert.ok(a.isTemplate);
  });

  it('a cycle between two modules ends, and nesting stops at a bounded depth', () => {
    const chain: Record<string, string> = {
      'a/main.tf': `module "b" {\n  source = "../b"\n  flows  = ["ALLOW_USER_PASSWORD_AUTH"]\n}\n`,
      'b/main.tf': `variable "flows" {}\nmodule "a" {\n  source = "../a"\n}\n${CLIENT_MODULE.replace(/variable "flows"[^}]*}\n/, '')}`,
    };
    // twelve modules deep, each passing the flows on; the client sits at the bottom
    for (let i = 0; i < 12; i++)
      chain[`deep/m${i}/main.tf`] =
        `variable "flows" {}\nmodule "next" {\n  source = "../m${i + 1}"\n  flows  = var.flows\n}\n`;
    chain['deep/m12/main.tf'] = CLIENT_MODULE;
    chain['deep/root.tf'] = `module "top" {\n  source = "./m0"\n  flows  = ["ALLOW_USER_PASSWORD_AUTH"]\n}\n`;
    chain['shallow/root.tf'] = `module "top" {\n  source = "../deep/m9"\n  flows  = ["ALLOW_USER_PASSWORD_AUTH"]\n}\n`;
    const dir = tmpTree(chain);
    try {
      const a = check(path.join(dir, 'a', 'main.tf'));
      assert.deepEqual(a.internalErrors, []);
      assert.deepEqual(at(a, ['CG104']), ['CG104 3:13'], 'the client of b, once');
      assert.deepEqual(at(check(path.join(dir, 'deep', 'root.tf')), ['CG104']), [], 'past the depth bound: silent');
      assert.deepEqual(at(check(path.join(dir, 'shallow', 'root.tf')), ['CG104']), ['CG104 3:13']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a clients list read with lookup: findings at the entry that holds the value, naming the instance', () => {
    const a = check(path.join(COMMUNITY, 'main.tf'));
    assert.deepEqual(at(a), ['CG104 13:33', 'CG107 14:32']);
    for (const f of a.findings)
      assert.match(f.message, /\(in module\.cognito\.aws_cognito_user_pool_client\.client\["legacy"\]\)$/);
    const text = fs.readFileSync(path.join(COMMUNITY, 'main.tf'), 'utf8');
    const pw = a.findings.find((f) => f.ruleId === 'CG104');
    assert.equal(
      applyEdits(text, pw?.fixes[0]?.edits ?? []).split('\n')[12],
      '      explicit_auth_flows    = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]',
    );
    // the module alone: the list is empty by default, so nothing is said about values it cannot see
    const alone = check(path.join(COMMUNITY, 'modules', 'cognito-clients', 'main.tf'));
    assert.deepEqual(at(alone, ['CG104', 'CG107']), []);
  });

  it('a module called with for_each is checked per instance, a shared finding reported once naming them', () => {
    const dir = tmpTree({
      'm/main.tf': CLIENT_MODULE,
      'main.tf': `module "client" {
  for_each = {
    web    = ["ALLOW_USER_PASSWORD_AUTH"]
    mobile = ["ALLOW_USER_SRP_AUTH"]
  }
  source = "./m"
  flows  = each.value
}
module "shared" {
  for_each = toset(["a", "b"])
  source   = "./m"
  flows    = ["ALLOW_USER_PASSWORD_AUTH"]
}
module "none" {
  count  = 0
  source = "./m"
  flows  = ["ALLOW_USER_PASSWORD_AUTH"]
}
module "unknown" {
  for_each = var.apps
  source   = "./m"
  flows    = each.value
}
`,
    });
    try {
      const a = check(path.join(dir, 'main.tf'));
      assert.deepEqual(at(a, ['CG104']), ['CG104 3:15', 'CG104 12:15']);
      const [web, shared] = a.findings.filter((f) => f.ruleId === 'CG104');
      assert.match(web?.message ?? '', /\(in module\.client\["web"\]\.aws_cognito_user_pool_client\.c\)$/);
      assert.match(
        shared?.message ?? '',
        /\(in module\.shared\["a"\]\.aws_cognito_user_pool_client\.c, module\.shared\["b"\]\.aws_cognito_user_pool_client\.c\)$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a module's own file checked with its callers' values", () => {
  const tree = (): string =>
    tmpTree({
      'm/main.tf': CLIENT_MODULE.replace(/variable "hosted_ui" \{[^}]*\}/, 'variable "hosted_ui" {\n  type = bool\n}'),
      'main.tf': `module "site" {
  source    = "./m"
  flows     = ["ALLOW_USER_SRP_AUTH"]
  hosted_ui = true
}
module "quiet" {
  source    = "./m"
  flows     = ["ALLOW_USER_SRP_AUTH"]
  hosted_ui = var.switch
}
`,
    });

  it('what a call brings out in the module file is reported there, naming the call, with the call related', () => {
    const dir = tree();
    try {
      const file = path.join(dir, 'm', 'main.tf');
      const alone = check(file);
      assert.deepEqual(at(alone, ['CG207']), [], 'the switch is unknown on its own');
      const a = check(file, dir);
      assert.deepEqual(at(a, ['CG207']), ['CG207 7:41']);
      const f = a.findings.find((x) => x.ruleId === 'CG207');
      assert.match(f?.message ?? '', /\(with the values of module\.site in main\.tf\)$/);
      assert.deepEqual(
        f?.related?.map((r) => [r.fileName, r.range.start.line + 1, r.range.start.character + 1]),
        [[path.join(dir, 'main.tf'), 1, 8]],
      );
      assert.ok(
        f?.fixes.every((x) => !x.safe),
        'a fix in a module changes it for every caller: never applied unasked',
      );
      // what the file says on its own is not repeated
      const keys = a.findings.map((x) => `${x.ruleId} ${x.span.start}`);
      assert.equal(new Set(keys).size, keys.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the command line over the folder reports each finding once, in the file to change', () => {
    const dir = tree();
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), '-f', 'json', '.'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const out = JSON.parse(r.stdout) as {
        files: { path: string; findings: { ruleId: string; message: string }[] }[];
      };
      const noIdp = out.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'CG207').map(() => f.path));
      assert.deepEqual(noIdp, [path.join('m', 'main.tf')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
