#!/usr/bin/env node
'use strict';
// Judges one real-editor run (the JSON an editor driver wrote, plus the file on disk) against what the
// fixture says should happen, prints the steps with their times and every check, and records the verdict
// in the result JSON. Exit 0 when the case passed, 1 when it failed.
//
//   node check.js verify --case NAME --result R.json --fixture F --file SAVED --exit N --wall-ms N
//   node check.js summary OUT_DIR        (prints the table and "N passed, M failed"; exit 1 on a failure)
//
// Expectations come from the fixture text alone, not from the server: the one line that sets the
// user-existence-errors property to LEGACY gives the expected diagnostic position (the value's first
// character, 0-based, UTF-16 = bytes here), and the expected saved text is the fixture with exactly that
// value turned into ENABLED and nothing else changed.
const fs = require('node:fs');
const path = require('node:path');

const RULE = 'CG101';
const PROPERTIES = [
  // Terraform: prevent_user_existence_errors = "LEGACY"
  /^(\s*)(prevent_user_existence_errors)(\s*=\s*)("LEGACY")\s*(#.*)?$/,
  // CloudFormation YAML: PreventUserExistenceErrors: LEGACY
  /^(\s*)(PreventUserExistenceErrors)(\s*:\s*)(LEGACY|"LEGACY"|'LEGACY')\s*(#.*)?$/,
];

function expectationsFrom(fixtureText) {
  const lines = fixtureText.split('\n');
  const hits = [];
  lines.forEach((line, i) => {
    for (const re of PROPERTIES) {
      const m = re.exec(line);
      if (m) hits.push({ i, m });
    }
  });
  if (hits.length !== 1)
    throw new Error(`the fixture must set the property to LEGACY exactly once, found ${hits.length}`);
  const { i, m } = hits[0];
  const character = m[1].length + m[2].length + m[3].length;
  const value = m[4];
  const fixed = value.replace('LEGACY', 'ENABLED');
  const fixedLines = lines.slice();
  fixedLines[i] = lines[i].slice(0, character) + fixed + lines[i].slice(character + value.length);
  return {
    property: m[2],
    line: i,
    character,
    endCharacter: character + value.length,
    value,
    fixed,
    fixedText: fixedLines.join('\n'),
  };
}

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

const short = (v, n = 160) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > n ? s.slice(0, n - 3) + '...' : s;
};

function verify(a) {
  const checks = [];
  const check = (name, ok, detail) => {
    checks.push({ name, ok: !!ok, ...(ok ? {} : { detail: short(detail, 400) }) });
    return !!ok;
  };
  const fixture = fs.readFileSync(a.fixture, 'utf8');
  const want = expectationsFrom(fixture);
  let r;
  try {
    r = JSON.parse(fs.readFileSync(a.result, 'utf8'));
  } catch (e) {
    r = { ok: false, error: `no result JSON from the editor (${e.message}); see editor.log`, steps: [], checks: [] };
  }
  const disk = fs.existsSync(a.file) ? fs.readFileSync(a.file, 'utf8') : '';

  console.log(
    `-- ${a.case}: ${r.editor_version ? r.editor + ' ' + r.editor_version : a.case}, ${path.basename(a.fixture)}`,
  );
  for (const s of r.steps ?? []) console.log(`${String(s.t_ms).padStart(7)} ms  ${s.step}  ${short(s.data)}`);
  for (const m of r.messages ?? [])
    console.log(`${String(m.t_ms).padStart(7)} ms  (message via ${m.via}) ${short(m.message)}`);

  check('editor exited 0', String(a.exit) === '0', `exit status ${a.exit}`);
  check('editor driver reported ok', r.ok === true, r.error);
  for (const c of r.checks ?? []) check(`in editor: ${c.name}`, c.ok, c.detail);

  // 1. The diagnostic, where the fixture says, as the server sent it and as the editor holds it.
  const d = r.diagnostic;
  check(
    `${RULE} arrives at ${want.line}:${want.character}-${want.endCharacter} (0-based)`,
    d &&
      d.line === want.line &&
      d.character === want.character &&
      d.end_line === want.line &&
      d.end_character === want.endCharacter,
    d,
  );
  check(`${RULE} is a warning from cognito-guard`, d && d.severity === 2 && d.source === 'cognito-guard', d);
  check(
    `${RULE} is in the first diagnostics published`,
    (r.first_diagnostics ?? []).some((x) => x.code === RULE),
    r.first_diagnostics,
  );
  const held = r.vim_diagnostic
    ? { line: r.vim_diagnostic.lnum, character: r.vim_diagnostic.col }
    : r.flymake_diagnostic
      ? { line: r.flymake_diagnostic.line, character: r.flymake_diagnostic.character }
      : undefined;
  check(
    `the editor shows ${RULE} at the same place`,
    held && held.line === want.line && held.character === want.character,
    held,
  );

  // 2. Hover: in the format the client asked for first, naming the property and the value.
  const h = r.hover ?? {};
  const formats = r.hover_formats_advertised ?? [];
  check(`hover kind is the client's first format (${formats[0]})`, formats.length && h.kind === formats[0], h.kind);
  check(
    `hover names ${want.property} and LEGACY`,
    h.value && h.value.includes(want.property) && h.value.includes('LEGACY'),
    h.value,
  );
  check(
    `hover the user sees names ${want.property} and LEGACY`,
    h.rendered && h.rendered.includes(want.property) && h.rendered.includes('LEGACY'),
    h.rendered,
  );
  if (h.kind === 'plaintext') check('plain-text hover has no Markdown', !/`|\*\*|\]\(/.test(h.value ?? ''), h.value);

  // 3. Code actions: one preferred quick fix for the rule, pinned to the buffer's version, and chosen.
  const actions = r.actions ?? [];
  const preferred = actions.filter((x) => x.isPreferred);
  check(
    'exactly one action is preferred',
    preferred.length === 1,
    actions.map((x) => x.title),
  );
  const p = preferred[0] ?? {};
  check(
    `the preferred action is a quickfix for ${RULE}`,
    p.kind === 'quickfix' && (p.diagnostics ?? []).includes(RULE),
    p,
  );
  check('the editor applied the preferred action', r.chosen && r.chosen === p.title, {
    chosen: r.chosen,
    preferred: p.title,
  });
  check(
    'its edit is pinned to the document version the editor had',
    typeof p.edit_version === 'number' && p.edit_version === r.buffer_version_before_fix,
    { edit_version: p.edit_version, buffer_version: r.buffer_version_before_fix },
  );
  check('its edit uses documentChanges only', p.has_changes === false, p);

  // 4. After the save: the rule is gone, nothing new appeared, the text is the fixture with the one value fixed.
  const initial = new Set((r.first_diagnostics ?? []).map((x) => x.code));
  const final = r.final_diagnostics;
  check(
    `diagnostics without ${RULE} arrive after the save`,
    Array.isArray(final) && !final.some((x) => x.code === RULE),
    final,
  );
  check(
    'no new diagnostic appears after the fix',
    Array.isArray(final) && final.every((x) => initial.has(x.code) && x.code !== RULE),
    final && final.map((x) => x.code),
  );
  check(
    `the buffer has ${want.fixed} at ${want.line}:${want.character}`,
    r.final_text === want.fixedText,
    r.final_text,
  );
  check(`the file on disk has ${want.fixed} at ${want.line}:${want.character}`, disk === want.fixedText, disk);
  check('the buffer is saved (not modified)', r.modified_after_save === false, r.modified_after_save);

  const failed = checks.filter((c) => !c.ok);
  for (const c of checks) console.log(`  ${c.ok ? 'PASS' : 'FAIL'} ${c.name}${c.ok ? '' : '\n       ' + c.detail}`);
  const step = (name) => (r.steps ?? []).find((s) => s.step === name)?.t_ms;
  const verdict = {
    case: a.case,
    passed: failed.length === 0,
    error: failed.length ? (r.error ?? failed[0].name) : null,
    wall_ms: Number(a['wall-ms']),
    editor_ms: r.total_ms ?? null,
    first_diagnostics_ms: step('publishDiagnostics') ?? null,
    fix_to_clear_ms:
      step('saved') !== undefined && step(`${RULE} gone`) !== undefined
        ? step(`${RULE} gone`) - step('fix applied')
        : null,
    checks,
  };
  r.verdict = verdict;
  fs.writeFileSync(a.result, JSON.stringify(r, null, 2) + '\n');
  console.log(
    `-- ${a.case}: ${verdict.passed ? 'PASSED' : 'FAILED: ' + verdict.error} ` +
      `(${verdict.wall_ms} ms wall, ${verdict.editor_ms} ms in the editor, first diagnostics at ${verdict.first_diagnostics_ms} ms)`,
  );
  return verdict.passed;
}

function summary(dir, names) {
  const rows = [];
  for (const name of names) {
    let v;
    try {
      v = JSON.parse(fs.readFileSync(path.join(dir, name, 'result.json'), 'utf8')).verdict;
    } catch {
      v = undefined;
    }
    rows.push(v ?? { case: name, passed: false, error: 'no verdict (the case did not run to the end)' });
  }
  console.log('');
  console.log('case          result  wall ms  editor ms  first diag ms  fix->clear ms');
  for (const v of rows) {
    console.log(
      `${v.case.padEnd(13)} ${(v.passed ? 'pass' : 'FAIL').padEnd(6)} ${String(v.wall_ms ?? '-').padStart(8)} ${String(v.editor_ms ?? '-').padStart(10)} ` +
        `${String(v.first_diagnostics_ms ?? '-').padStart(14)} ${String(v.fix_to_clear_ms ?? '-').padStart(14)}` +
        (v.passed ? '' : `  ${v.error}`),
    );
  }
  const passed = rows.filter((v) => v.passed).length;
  const failed = rows.length - passed;
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ passed, failed, cases: rows }, null, 2) + '\n');
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && rows.length > 0;
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'verify') process.exit(verify(args(rest)) ? 0 : 1);
else if (cmd === 'summary') process.exit(summary(rest[0], rest.slice(1)) ? 0 : 1);
else {
  console.error(
    'usage: check.js verify --case NAME --result R --fixture F --file SAVED --exit N --wall-ms N | summary DIR CASE...',
  );
  process.exit(2);
}
