/**
 * The editor settings declared in package.json (`contributes.configuration`, what VS Code shows and
 * defaults) and the server's `DEFAULT_SETTINGS` (core/settings.ts) are one list with one set of defaults.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTION,
  resolveSettings,
  settingsProblems,
  validSettings,
} from '../../server/src/core/settings';
import { ruleIds } from '../../server/src/rules/index';
import { ROOT } from './helpers';

/** Read by vscode-languageclient itself (message tracing), never by the server: not a field of Settings. */
const CLIENT_ONLY = ['trace.server'];

interface Section {
  title: string;
  order?: number;
  properties: Record<string, { default?: unknown; order?: number }>;
}
interface Contributed {
  contributes: { configuration: Section[] };
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Contributed;
const sections = pkg.contributes.configuration;
const properties = Object.assign({}, ...sections.map((s) => s.properties)) as Section['properties'];
const prefix = `${SETTINGS_SECTION}.`;

/** The package.json settings the server reads, by their key without the `cognitoGuard.` prefix. */
const declared = Object.entries(properties)
  .filter(([key]) => !CLIENT_ONLY.some((c) => key === prefix + c))
  .map(([key, p]) => [key.slice(prefix.length), p] as const);

describe('settings: package.json and DEFAULT_SETTINGS', () => {
  it('the settings UI lists them in sections in a fixed order: enable, run, rules, thresholds, limits, trace', () => {
    // what VS Code shows, top to bottom: sections by their order, then settings by theirs
    const shown = [...sections]
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity))
      .flatMap((s) => {
        assert.equal(typeof s.order, 'number', `section ${s.title} has no order`);
        const keys = Object.keys(s.properties);
        for (const k of keys) assert.equal(typeof s.properties[k].order, 'number', `${k} has no order`);
        return keys.sort((a, b) => (s.properties[a].order ?? 0) - (s.properties[b].order ?? 0));
      })
      .map((k) => k.slice(prefix.length));
    assert.deepEqual(shown, [
      'enable',
      'run',
      'debounceMs',
      'rules',
      'maxAccessTokenMinutes',
      'maxRefreshTokenDays',
      'authorizationAttributePatterns',
      'terraformVarFiles',
      'maxFileSizeKb',
      'trace.server',
    ]);
    assert.equal(sections[0].title, 'Cognito Guard', 'the first section carries the extension name (the root entry)');
    assert.equal(new Set(sections.map((s) => s.title)).size, sections.length, 'section titles are distinct');
  });

  it('every contributed setting is in the cognitoGuard section', () => {
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(prefix), key);
    for (const c of CLIENT_ONLY) assert.ok(prefix + c in properties, `${prefix + c} is still declared`);
  });

  it('every contributed setting is a field of Settings with the same default', () => {
    assert.ok(declared.length > 0);
    for (const [key, p] of declared) {
      assert.ok(Object.hasOwn(DEFAULT_SETTINGS, key), `${prefix}${key} has no field in DEFAULT_SETTINGS`);
      assert.ok(Object.hasOwn(p, 'default'), `${prefix}${key} declares no default`);
      assert.deepEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS], p.default, `${prefix}${key}`);
    }
  });

  it('every field of Settings is a contributed setting', () => {
    const keys = new Set(declared.map(([key]) => key));
    for (const field of Object.keys(DEFAULT_SETTINGS)) assert.ok(keys.has(field), `${field} is not in package.json`);
    assert.equal(keys.size, Object.keys(DEFAULT_SETTINGS).length);
  });

  it('the defaults are valid settings, and nothing sent resolves to the defaults', () => {
    assert.deepEqual(resolveSettings(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    assert.deepEqual(resolveSettings({}), DEFAULT_SETTINGS);
  });

  it('malformed values are dropped, well-formed ones kept', () => {
    const sent = {
      enable: 'yes',
      run: 'sometimes',
      debounceMs: -1,
      rules: { cg203: 'off', CG106: 'loud' },
      maxAccessTokenMinutes: 0,
      maxRefreshTokenDays: 7,
      authorizationAttributePatterns: ['role', 3],
      maxFileSizeKb: 'big',
    } as unknown as Partial<typeof DEFAULT_SETTINGS>;
    assert.deepEqual(validSettings(sent), {
      rules: { CG203: 'off' },
      maxRefreshTokenDays: 7,
      authorizationAttributePatterns: ['role'],
    });
  });
});

describe('settings: problems reported for what is ignored', () => {
  const ids = ruleIds();
  // each ill-formed value validSettings drops, with what the problem must name
  const bad: Array<[string, unknown]> = [
    ['enable', 'yes'],
    ['run', 'always'],
    ['debounceMs', -5],
    ['debounceMs', '100'],
    ['rules', 'CG101=off'],
    ['rules', ['CG101']],
    ['maxAccessTokenMinutes', 0],
    ['maxRefreshTokenDays', 'ten'],
    ['maxFileSizeKb', -1],
    ['authorizationAttributePatterns', 'role'],
    ['terraformVarFiles', { a: 1 }],
  ];
  for (const [key, value] of bad) {
    it(`reports ${key}: ${JSON.stringify(value)} and drops it`, () => {
      const raw = { [key]: value };
      const kept = validSettings(raw as never) as Record<string, unknown>;
      assert.ok(key === 'rules' ? Object.keys((kept.rules as object | undefined) ?? {}).length === 0 : !(key in kept));
      const problems = settingsProblems(raw, ids);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.ok(problems[0]?.startsWith(`${SETTINGS_SECTION}.${key}`), problems[0]);
    });
  }

  it('reports unknown rule ids and levels, one entry each, and nothing for good ones', () => {
    const problems = settingsProblems({ rules: { CG999: 'off', cg101: 'fatal', CG202: 'off', CG000: 7 } }, ids);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0] ?? '', /"CG999" is not a cognito-guard rule id; this entry is ignored/);
    assert.match(problems[1] ?? '', /level of cg101 must be "off", "info", "warning" or "error", not "fatal"/);
    assert.match(problems[2] ?? '', /level of CG000 .* not 7/);
  });

  it('names a non-string inside a list, and accepts the defaults and null', () => {
    assert.deepEqual(settingsProblems({ terraformVarFiles: ['a.tfvars', 3] }, ids), [
      'cognitoGuard.terraformVarFiles must hold only strings; 3 is ignored.',
    ]);
    assert.deepEqual(settingsProblems(DEFAULT_SETTINGS, ids), []);
    assert.deepEqual(settingsProblems({ maxAccessTokenMinutes: null, rules: null }, ids), []);
    assert.deepEqual(settingsProblems(null, ids), []);
    assert.deepEqual(settingsProblems({ somethingElse: 1 }, ids), []);
  });
});
