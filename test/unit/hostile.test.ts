/**
 * Hostile inputs, through the engine and through the CLI as a real process: a YAML alias bomb, documents
 * nested 50,000 levels deep (YAML flow and block, JSON, Terraform JSON, HCL), binary content and NUL
 * bytes, invalid UTF-8, a single 5 MB line, CRLF and BOM files, a `.cognito-guard.json` that is not JSON
 * or has wrong types, symlink loops, unreadable files (simulated with a directory and a FIFO when
 * running as root, who can read anything). Each must give a clear diagnostic or log line and never a
 * crash, an internal error or a hang, in time bounded by its size.
 *
 * Times are compared with the engine's time per KB on the unmutated fixtures, measured in this process
 * (see engine-fuzz.ts), never with a wall-clock constant; a case over its bound is timed again, with a
 * fresh baseline, before it fails.
 *
 * Engine and CLI bugs these cases found are listed in KNOWN with the reason: such a case is reported as
 * a todo while it still fails, and fails once it passes (remove the entry then).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { baselineMsPerKb, loadCorpus, type CorpusFile } from '../fuzz/engine-fuzz';
import { ROOT } from './helpers';

const KNOWN: Record<string, string> = {};

function knownOrFail(t: TestContext, id: string, problem: string | undefined): void {
  const reason = KNOWN[id];
  if (problem && reason) {
    t.todo(reason);
    assert.fail(problem);
  }
  if (problem) assert.fail(problem);
  if (reason) assert.fail(`known bug "${id}" no longer reproduces: remove it from KNOWN in hostile.test.ts`);
}

// ---------------------------------------------------------------------------------------------
// Time bound (see engine-fuzz.ts)

const FACTOR = 20;
let corpus: CorpusFile[] = [];
let msPerKb = 0;

function timed(text: string, file: string): { a: Analysis; ms: number } {
  const t0 = performance.now();
  const a = analyze(text, file);
  return { a, ms: performance.now() - t0 };
}

/** Undefined when the analysis took at most FACTOR times the baseline for its size (timed again if not). */
function overTime(text: string, file: string, ms: number): string | undefined {
  const bound = (perKb: number): number => FACTOR * perKb * Math.max(1, text.length / 1024);
  if (ms <= bound(msPerKb)) return undefined;
  // timed again, against a fresh baseline in case the machine is busier now
  const best = Math.min(ms, timed(text, file).ms);
  const fresh = Math.max(msPerKb, baselineMsPerKb(corpus, 2, 200));
  if (best <= bound(fresh)) return undefined;
  return `${best.toFixed(0)} ms for ${Math.round(text.length / 1024)} KB, over ${FACTOR} x the baseline (${bound(fresh).toFixed(0)} ms)`;
}

const cg000 = (a: Analysis): string[] => a.findings.filter((f) => f.ruleId === 'CG000').map((f) => f.message);

// ---------------------------------------------------------------------------------------------
// Templates

const N = 50000;
const YAML_HEAD =
  'Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_abc\n      ClientName: ';
const hcl = (e: string): string =>
  `resource "aws_cognito_user_pool_client" "x" {\n  user_pool_id = "us-east-1_abc"\n  name = ${e}\n}\n`;
const cfnJson = (e: string): string =>
  `{"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"UserPoolId":"us-east-1_abc","ClientName":${e}}}}}`;
const tfJson = (e: string): string =>
  `{"resource":{"aws_cognito_user_pool_client":{"x":{"user_pool_id":"us-east-1_abc","name":${e}}}}}`;

/** Deeply nested documents: name, file name, text, and the KNOWN id when it is a known bug. */
const DEEP: Array<{ name: string; file: string; text: string; known?: string; noDiagnostic?: boolean }> = [
  {
    name: 'YAML flow sequences',
    file: 'x.yaml',
    text: YAML_HEAD + '['.repeat(N) + ']'.repeat(N) + '\n',
    known: 'yaml-deep',
  },
  {
    name: 'YAML flow maps',
    file: 'x.yaml',
    text: YAML_HEAD + '{a: '.repeat(N) + '1' + '}'.repeat(N) + '\n',
    known: 'yaml-deep',
  },
  {
    name: 'YAML block sequences',
    file: 'x.yaml',
    text: YAML_HEAD + '\n        ' + '- '.repeat(N) + 'x\n',
    known: 'yaml-deep',
  },
  {
    name: 'YAML block ? keys',
    file: 'x.yaml',
    text: YAML_HEAD + '\n        ' + '? '.repeat(N) + 'x\n',
    known: 'yaml-deep',
  },
  { name: 'JSON arrays', file: 'x.json', text: cfnJson('['.repeat(N) + ']'.repeat(N)) },
  { name: 'JSON objects', file: 'x.json', text: cfnJson('{"a":'.repeat(N) + '1' + '}'.repeat(N)) },
  { name: 'Terraform JSON arrays', file: 'x.tf.json', text: tfJson('['.repeat(N) + ']'.repeat(N)) },
  { name: 'Terraform JSON objects', file: 'x.tf.json', text: tfJson('{"a":'.repeat(N) + '1' + '}'.repeat(N)) },
  { name: 'HCL lists', file: 'x.tf', text: hcl('['.repeat(N) + ']'.repeat(N)) },
  {
    name: 'HCL objects',
    file: 'x.tf',
    text: hcl('{a='.repeat(N) + '1' + '}'.repeat(N)),
    known: 'hcl-deep-second-error',
  },
  { name: 'HCL parentheses', file: 'x.tf', text: hcl('('.repeat(N) + '1' + ')'.repeat(N)) },
  { name: 'HCL function calls', file: 'x.tf', text: hcl('f('.repeat(N) + ')'.repeat(N)) },
  {
    name: 'HCL blocks',
    file: 'x.tf',
    text:
      'resource "aws_cognito_user_pool_client" "x" {\n  user_pool_id = "us-east-1_abc"\n  name = "a"\n' +
      'b {\n'.repeat(N) +
      '}\n'.repeat(N) +
      '}\n',
  },
  { name: 'HCL conditionals', file: 'x.tf', text: hcl('true ? 1 : '.repeat(N) + '1'), known: 'hcl-deep-second-error' },
  { name: 'HCL unary minus', file: 'x.tf', text: hcl('-'.repeat(N) + '1'), known: 'hcl-deep-unary' },
  { name: 'HCL unary not', file: 'x.tf', text: hcl('!'.repeat(N) + 'true'), known: 'hcl-deep-unary' },
  {
    name: 'HCL interpolations',
    file: 'x.tf',
    text: hcl('"${'.repeat(N) + '1' + '}"'.repeat(N)),
    known: 'hcl-deep-interpolation',
  },
  {
    name: 'HCL for expressions',
    file: 'x.tf',
    text: hcl('[for x in '.repeat(N) + '[]' + ' : x]'.repeat(N)),
    known: 'hcl-deep-for',
  },
];

describe('hostile inputs: the engine', () => {
  before(() => {
    corpus = loadCorpus();
    msPerKb = baselineMsPerKb(corpus, 3, 200);
  });

  for (const c of DEEP) {
    it(`a document nested ${N} levels deep: ${c.name} gives one clear syntax error, in bounded time`, (t) => {
      const { a, ms } = timed(c.text, c.file);
      const problems: string[] = [];
      if (a.internalErrors.length) problems.push(`internal errors: ${JSON.stringify(a.internalErrors)}`);
      const syntax = cg000(a);
      if (syntax.length !== 1 || !/nested|deep/i.test(syntax[0] ?? ''))
        problems.push(`expected one syntax error saying it is nested too deeply, got ${JSON.stringify(syntax)}`);
      const slow = overTime(c.text, c.file, ms);
      if (slow) problems.push(slow);
      knownOrFail(t, c.known ?? '', problems.length ? `${c.name}: ${problems.join('; ')}` : undefined);
    });
  }

  it('a long traversal (16,000 steps) takes time linear in its length', (t) => {
    const problems: string[] = [];
    const best = (text: string, runs: number): number => {
      let ms = Infinity;
      for (let i = 0; i < runs; i++) {
        const r = timed(text, 'x.tf');
        assert.deepEqual(r.a.internalErrors, []);
        ms = Math.min(ms, r.ms);
      }
      return ms;
    };
    for (const step of ['.b', '[0]']) {
      // four times the length: linear work takes about four times as long, quadratic work sixteen
      const short = best(hcl('a' + step.repeat(4000)), 3);
      const long = best(hcl('a' + step.repeat(16000)), 3);
      // a generous slack for a loaded machine: the quadratic version took seconds here, not milliseconds
      if (long > 8 * short + 100 + FACTOR * msPerKb)
        problems.push(`a${step}${step}...: 4,000 steps ${short.toFixed(0)} ms, 16,000 steps ${long.toFixed(0)} ms`);
    }
    knownOrFail(t, 'hcl-long-traversal', problems.length ? problems.join('; ') : undefined);
  });

  it('a YAML alias bomb is cut off: bounded work, no internal error, and a diagnostic that says so', (t) => {
    const bomb = (levels: number, indent: string): string => {
      const lines = [`${indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
      for (let i = 1; i < levels; i++)
        lines.push(
          `${indent}a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      return lines.join('\n') + '\n';
    };
    const doc = (levels: number): string =>
      'Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Metadata:\n' +
      bomb(levels, '      ') +
      `    Properties:\n      UserPoolId: us-east-1_abc\n      ReadAttributes: *a${levels - 1}\n      WriteAttributes: *a${levels - 1}\n`;
    const best = (text: string): { a: Analysis; ms: number } => {
      const x = timed(text, 'x.yaml');
      const y = timed(text, 'x.yaml');
      return x.ms < y.ms ? x : y;
    };
    // 9^5 aliased nodes already reach the budget; 9^12 would never finish if aliases were expanded
    const small = best(doc(6));
    const big = best(doc(12));
    assert.deepEqual(big.a.internalErrors, []);
    assert.ok(big.a.isTemplate);
    assert.ok(big.a.findings.length < 40, `${big.a.findings.length} findings`);
    assert.ok(
      big.ms <= 4 * small.ms + 100 + 50 * msPerKb,
      `12 levels of aliases took ${big.ms.toFixed(0)} ms, 6 levels ${small.ms.toFixed(0)} ms: the work is not capped`,
    );
    const said = big.a.findings.some((f) => /alias/i.test(f.message));
    knownOrFail(
      t,
      'alias-bomb-silent',
      said ? undefined : `no diagnostic mentions the aliases: ${cg000(big.a).join('; ')}`,
    );
  });

  /** A small seeded generator, so that the "random" bytes are the same in every run. */
  function bytes(n: number, seed: number): Buffer {
    const b = Buffer.alloc(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      b[i] = x >>> 24;
    }
    return b;
  }

  const TEMPLATES: Record<string, string> = {
    'x.tf': hcl('"a"'),
    'x.yaml': YAML_HEAD + 'a\n',
    'x.json': JSON.stringify(JSON.parse(cfnJson('"a"')), null, 2) + '\n',
    'x.tf.json': JSON.stringify(JSON.parse(tfJson('"a"')), null, 2) + '\n',
  };

  it('binary content and NUL bytes: no crash, no internal error, at most the capped number of syntax errors', () => {
    for (const [file, template] of Object.entries(TEMPLATES)) {
      const noise = [bytes(8192, 1).toString('latin1'), bytes(8192, 2).toString('utf8')];
      const texts = [
        ...noise,
        template + noise[0],
        template.replace(/ /g, '\0'),
        template.replace(/\n/g, '\0\n'),
        template + '\0'.repeat(1000),
      ];
      for (const text of texts) {
        const { a, ms } = timed(text, file);
        assert.deepEqual(a.internalErrors, [], file);
        assert.ok(cg000(a).length <= 20, `${file}: ${cg000(a).length} syntax errors`);
        assert.equal(overTime(text, file, ms), undefined);
      }
    }
  });

  it('a single 5 MB line: no crash, no internal error, time bounded by its size', () => {
    const pad = 'a'.repeat(5 * 1024 * 1024);
    for (const [file, template] of Object.entries(TEMPLATES)) {
      const text = file.endsWith('.yaml')
        ? template.replace('ClientName: a', `ClientName: ${pad}`)
        : template.replace('"a"', `"${pad}"`);
      assert.ok(text.length > 5 * 1024 * 1024);
      const { a, ms } = timed(text, file);
      assert.deepEqual(a.internalErrors, [], file);
      assert.ok(a.isTemplate, file);
      assert.deepEqual(cg000(a), [], file);
      assert.equal(overTime(text, file, ms), undefined, file);
    }
  });

  for (const [file, id] of [
    ['x.tf', 'bom-hcl'],
    ['x.yaml', ''],
    ['x.json', 'bom-json'],
    ['x.tf.json', 'bom-json'],
  ] as const) {
    it(`CRLF and BOM: ${file} gives the same findings at the same places as with LF`, (t) => {
      const lf = TEMPLATES[file] ?? '';
      const where = (a: Analysis): string[] =>
        a.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity}`);
      const expected = where(analyze(lf, file));
      assert.ok(expected.length > 0);
      const crlf = analyze(lf.replace(/\n/g, '\r\n'), file);
      assert.deepEqual(crlf.internalErrors, []);
      assert.deepEqual(where(crlf), expected, 'CRLF');
      const problems: string[] = [];
      for (const [name, text] of [
        ['BOM', '\uFEFF' + lf],
        ['BOM and CRLF', '\uFEFF' + lf.replace(/\n/g, '\r\n')],
      ]) {
        const a = analyze(text ?? '', file);
        assert.deepEqual(a.internalErrors, []);
        // a BOM is the first code unit of line 1: only columns on line 1 move, by one
        const got = where(a).map((w) => w.replace(/ 1:(\d+) /, (_, c: string) => ` 1:${Number(c) - 1} `));
        if (JSON.stringify(got) !== JSON.stringify(expected))
          problems.push(`${name}: ${JSON.stringify(got)} instead of ${JSON.stringify(expected)}`);
      }
      knownOrFail(t, id, problems.length ? problems.join('; ') : undefined);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The CLI, as a real process

const BIN = path.join(ROOT, 'bin', 'cognito-guard.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function cli(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.status === null };
}

/** Runs the CLI without blocking this process, killing it after `ms` (for inputs that may hang it). */
function cliAsync(args: string[], cwd: string, ms: number): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, ms);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function noCrash(r: Run, what: string): void {
  assert.ok(!r.timedOut, `${what}: the CLI did not finish`);
  assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/, `${what}: ${r.stderr}`);
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${what}: exit ${r.code}; ${r.stderr}`);
}

const TF = hcl('"a"');
const YAML = YAML_HEAD + 'a\n';
const TEMPLATES_JSON = JSON.stringify(JSON.parse(cfnJson('"a"')), null, 2) + '\n';
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

describe('hostile inputs: the CLI', () => {
  let dir = '';
  let n = 0;
  /** A fresh folder per case, so that the files of one case do not meet another's. */
  const folder = (): string => {
    const d = path.join(dir, `case${++n}`);
    fs.mkdirSync(d);
    return d;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-hostile-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('invalid UTF-8 is read and checked, and a line says it is not valid UTF-8', (t) => {
    const d = folder();
    const bad = Buffer.concat([
      Buffer.from(YAML.replace('ClientName: a', 'ClientName: "x')),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88]),
      Buffer.from('"\n'),
    ]);
    fs.writeFileSync(path.join(d, 'bad.yaml'), bad);
    const r = cli(['bad.yaml'], d);
    noCrash(r, 'invalid UTF-8');
    assert.equal(r.code, 1, 'the template is still checked');
    assert.match(r.stdout, /bad\.yaml:6:19 error .*\[CG004\]/);
    knownOrFail(t, 'cli-invalid-utf8', /UTF-?8/i.test(r.stdout + r.stderr) ? undefined : `output: ${r.stderr}`);
  });

  it('binary files and NUL bytes are read without a crash', () => {
    const d = folder();
    fs.writeFileSync(
      path.join(d, 'random.yaml'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    fs.writeFileSync(path.join(d, 'nul.tf'), TF.replace(/ /g, '\0'));
    fs.writeFileSync(path.join(d, 'nul-after.json'), TEMPLATES_JSON + '\0\0\0');
    const r = cli(['.'], d);
    noCrash(r, 'binary');
    assert.match(r.stdout, /3 files read/);
    assert.match(r.stdout, /nul\.tf:1:9 error .*\[CG000\]/);
  });

  it('a single 5 MB line is checked', () => {
    const d = folder();
    fs.writeFileSync(
      path.join(d, 'long.yaml'),
      YAML.replace('ClientName: a', `ClientName: ${'a'.repeat(5 * 1024 * 1024)}`),
    );
    const r = cli(['long.yaml'], d);
    noCrash(r, '5 MB line');
    assert.match(r.stdout, /1 template checked, 1 file read/);
  });

  it('CRLF and BOM files give the same positions as LF files', () => {
    const d = folder();
    fs.writeFileSync(path.join(d, 'lf.yaml'), YAML);
    fs.writeFileSync(path.join(d, 'crlf.yaml'), YAML.replace(/\n/g, '\r\n'));
    fs.writeFileSync(path.join(d, 'bom.yaml'), '\uFEFF' + YAML.replace(/\n/g, '\r\n'));
    const at = (f: string): string[] =>
      cli([f], d)
        .stdout.split('\n')
        .filter((l) => l.startsWith(f))
        .map((l) => l.slice(f.length));
    const lf = at('lf.yaml');
    assert.ok(lf.length > 0);
    assert.deepEqual(at('crlf.yaml'), lf);
    assert.deepEqual(at('bom.yaml'), lf);
  });

  it('a .cognito-guard.json that is not JSON, not an object, or has wrong types: one line per problem, defaults apply', () => {
    const cases: Array<[string | Buffer, RegExp[]]> = [
      ['{"rules": ', [/not valid JSON/]],
      ['not json at all {', [/not valid JSON/]],
      [Buffer.from([0, 1, 0xff, 0xfe]), [/not valid JSON/]],
      ['[]', [/must contain a JSON object/]],
      ['"rules"', [/must contain a JSON object/]],
      [
        '{"rules": [1], "maxAccessTokenMinutes": "x", "maxRefreshTokenDays": -1, "authorizationAttributePatterns": 5, "bogus": 1}',
        [
          /"rules" must be an object/,
          /"maxAccessTokenMinutes" must be a positive number/,
          /"maxRefreshTokenDays" must be a positive number/,
          /"authorizationAttributePatterns" must be a list/,
          /"bogus" is not a cognito-guard setting/,
        ],
      ],
      [
        '{"rules": {"CG101": 3, "CG999": "off", "CG102": "loud"}}',
        [/level of CG101/, /"CG999" is not a cognito-guard rule id/, /level of CG102/],
      ],
    ];
    for (const [content, expected] of cases) {
      const d = folder();
      fs.writeFileSync(path.join(d, 'main.tf'), TF);
      fs.writeFileSync(path.join(d, '.cognito-guard.json'), content);
      const r = cli(['main.tf'], d);
      noCrash(r, String(content));
      assert.equal(r.code, 0, 'the defaults apply: CG101 is a warning');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, expected.length, r.stderr);
      expected.forEach((re, i) => assert.match(lines[i] ?? '', re));
      for (const l of lines) assert.match(l, /^cognito-guard: \.cognito-guard\.json:\d+:\d+: /);
      assert.match(r.stdout, /main\.tf:1:\d+ warning .*\[CG101\]/);
    }
  });

  it('symbolic link loops: skipped inside a folder, one clear line when named', () => {
    const d = folder();
    fs.writeFileSync(path.join(d, 'main.tf'), TF);
    fs.symlinkSync('self.yaml', path.join(d, 'self.yaml'));
    fs.symlinkSync('b.yaml', path.join(d, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(d, 'b.yaml'));
    fs.mkdirSync(path.join(d, 'sub'));
    fs.symlinkSync('..', path.join(d, 'sub', 'up'));
    fs.symlinkSync('.', path.join(d, 'here'));
    const tree = cli(['.'], d);
    noCrash(tree, 'loops in a tree');
    assert.equal(tree.code, 0, tree.stderr);
    assert.match(tree.stdout, /1 template checked, 1 file read/);
    const named = cli(['self.yaml'], d);
    noCrash(named, 'a named loop');
    assert.equal(named.code, 2);
    assert.equal(named.stderr, 'cognito-guard: cannot read self.yaml: too many levels of symbolic links\n');
    const config = folder();
    fs.writeFileSync(path.join(config, 'main.tf'), TF);
    fs.symlinkSync('.cognito-guard.json', path.join(config, '.cognito-guard.json'));
    const loopConfig = cli(['main.tf'], config);
    noCrash(loopConfig, 'a looping .cognito-guard.json');
  });

  it('an unreadable file gives "permission denied" and exit 2', (t) => {
    if (IS_ROOT) {
      t.skip('running as root, who can read a file with mode 000: simulated with a directory and a FIFO below');
      return;
    }
    const d = folder();
    fs.writeFileSync(path.join(d, 'main.tf'), TF);
    fs.writeFileSync(path.join(d, 'secret.yaml'), YAML);
    fs.chmodSync(path.join(d, 'secret.yaml'), 0o000);
    try {
      const named = cli(['secret.yaml'], d);
      assert.equal(named.code, 2);
      assert.match(named.stderr, /cannot read secret\.yaml: permission denied/);
      const tree = cli(['.'], d);
      assert.equal(tree.code, 2);
      assert.match(tree.stderr, /secret\.yaml: permission denied/);
      assert.match(tree.stdout, /main\.tf/);
    } finally {
      fs.chmodSync(path.join(d, 'secret.yaml'), 0o600);
    }
  });

  it('unreadable paths simulated with a directory: named, as a template name, and as .cognito-guard.json', (t) => {
    const d = folder();
    fs.writeFileSync(path.join(d, 'main.tf'), TF);
    fs.mkdirSync(path.join(d, 'dir.yaml'));
    fs.mkdirSync(path.join(d, 'terraform.tfvars'));
    const named = cli(['dir.yaml', 'main.tf'], d);
    noCrash(named, 'a directory named like a template');
    assert.match(named.stdout, /1 template checked, 1 file read/);
    const explicit = cli(['--config', 'dir.yaml', 'main.tf'], d);
    assert.equal(explicit.code, 2);
    assert.equal(explicit.stderr, 'cognito-guard: cannot read dir.yaml: is a directory\n');
    fs.mkdirSync(path.join(d, '.cognito-guard.json'));
    const found = cli(['main.tf'], d);
    noCrash(found, 'a directory as .cognito-guard.json');
    assert.match(found.stdout, /\[CG101\]/, 'the defaults apply');
    knownOrFail(
      t,
      'cli-config-dir',
      /cognito-guard\.json.*(is a directory|cannot read)/.test(found.stderr)
        ? undefined
        : `stderr: ${JSON.stringify(found.stderr)}`,
    );
  });

  it('unreadable paths simulated with a FIFO: skipped in a folder, and never a hang', async (t) => {
    const root = folder();
    const make = (name: string, fifo: string): string => {
      const d = path.join(root, name);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'main.tf'), TF);
      const r = spawnSync('mkfifo', [path.join(d, fifo)]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
      return d;
    };
    let dirs: string[];
    try {
      dirs = [
        make('tree', 'pipe.yaml'),
        make('named', 'pipe.yaml'),
        make('tfvars', 'terraform.tfvars'),
        make('config', '.cognito-guard.json'),
      ];
    } catch (err) {
      t.skip(`no FIFOs here: ${(err as Error).message}`);
      return;
    }
    const [tree, named, tfvars, config] = await Promise.all([
      cliAsync(['.'], dirs[0] ?? '', 3000),
      cliAsync(['pipe.yaml'], dirs[1] ?? '', 3000),
      cliAsync(['main.tf'], dirs[2] ?? '', 3000),
      cliAsync(['main.tf'], dirs[3] ?? '', 3000),
    ]);
    noCrash(tree, 'a FIFO in a folder');
    assert.match(tree.stdout, /1 template checked, 1 file read/);
    const hung = [
      ['a FIFO given as a path', named],
      ['a FIFO as terraform.tfvars', tfvars],
      ['a FIFO as .cognito-guard.json', config],
    ]
      .filter(([, r]) => (r as Run).timedOut)
      .map(([w]) => w);
    knownOrFail(t, 'cli-fifo', hung.length ? `the CLI hung on ${hung.join(', ')}` : undefined);
  });
});
