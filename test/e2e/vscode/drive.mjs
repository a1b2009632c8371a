// Drives a real VS Code workbench (code-server in headless Debian Chromium, through playwright-core) with
// the Cognito Guard VSIX installed, and checks what a person sees: squiggles, the Problems panel, the
// status bar, hovers, the quick-fix menu, fix-all, fix on save, rule settings, the ignore action, the
// language status, rule pages, the commands and settings problems. Expected findings come from the
// command-line tool on the same files, never from constants in this file.
//
// Usage (run.sh starts code-server and passes these):
//   node drive.mjs --url http://127.0.0.1:PORT --folder /abs/run/ws --shots /abs/test-results/vscode
// Prints one PASS/FAIL line per check, the time of each step, and "N passed, M failed"; exits 1 on failure.
// Every wait is on something on screen, on disk or from the CLI, with a timeout: no fixed sleeps.
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const URL_ = arg('url');
const FOLDER = arg('folder');
const SHOTS = arg('shots', path.join(ROOT, 'test-results', 'vscode'));
const CHROME = arg('chrome', process.env.CG_E2E_CHROMIUM || '/usr/bin/chromium');
/** "main": Cognito Guard alone; "terraform-extension": with stub-terraform/ installed beside it (run.sh). */
const PHASE = arg('phase', 'main');
/** Timeout for the first diagnostics (extension host and server start) and for everything else. */
const FIRST_TIMEOUT = Number(process.env.CG_E2E_FIRST_TIMEOUT_MS || 45000);
const TIMEOUT = Number(process.env.CG_E2E_TIMEOUT_MS || 15000);
if (!URL_ || !FOLDER) {
  console.error('usage: node drive.mjs --url URL --folder WORKSPACE [--shots DIR] [--chrome PATH] [--phase NAME]');
  process.exit(2);
}
if (!fs.existsSync(CHROME)) {
  console.error(`Chromium not found at ${CHROME} (apt-get install chromium, or set CG_E2E_CHROMIUM)`);
  process.exit(2);
}

// The project's own compiled modules give the expected hover texts (out/ is built by `npm install`).
const { param } = require(path.join(ROOT, 'out/server/src/catalog/index.js'));
const { plain } = require(path.join(ROOT, 'out/server/src/engine/hover.js'));
const { humanDuration } = require(path.join(ROOT, 'out/server/src/rules/CG005-token-validity-range.js'));

// ---------------------------------------------------------------------------------------------------
// Reporting

const started = Date.now();
const log = (...a) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`, ...a);
let passed = 0;
let failed = 0;
const failures = [];
function check(name, ok, detail) {
  if (ok) {
    passed++;
    log('PASS', name);
  } else {
    failed++;
    failures.push(name);
    log('FAIL', name, detail === undefined ? '' : `\n        ${String(detail).replace(/\n/g, '\n        ')}`);
  }
  return ok;
}
function checkEqual(name, actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return check(name, a === e, `expected ${e}\n actual  ${a}`);
}

fs.mkdirSync(SHOTS, { recursive: true });
// the first phase starts from an empty folder; the second adds its pictures after the first's
if (PHASE === 'main') for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f));
let shotNo = PHASE === 'main' ? 0 : 70;
let page;
async function shot(name) {
  const file = path.join(SHOTS, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  // Let fade-ins (hovers, menus) finish so that the picture shows what a person would see.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      null,
      { timeout: 2000 },
    )
    .catch(() => {});
  await page.screenshot({ path: file });
  log('screenshot', path.relative(ROOT, file));
}

const timings = [];
async function step(name, fn) {
  const t0 = Date.now();
  log(`--- ${name}`);
  try {
    await fn();
  } catch (e) {
    check(`${name}: completed`, false, e && e.stack ? e.stack.split('\n').slice(0, 6).join('\n') : e);
    await shot(`${name.split(' ')[0]}-error`).catch(() => {});
    // Leave menus, hovers and widgets behind so that the next step starts from the editor.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
  }
  const ms = Date.now() - t0;
  timings.push([name, ms]);
  log(`--- ${name}: ${ms} ms`);
}

// ---------------------------------------------------------------------------------------------------
// The command-line tool: what the editor should show

function cliJson(file, extra = []) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cognito-guard.js'), '--format', 'json', ...extra, file], {
    cwd: FOLDER,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cognito-guard exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
/** Findings and client names the CLI reports for one workspace file. */
function cli(name) {
  const report = cliJson(path.join(FOLDER, name));
  const file = report.files[0];
  return { findings: file ? file.findings : [], clients: file ? file.clients : [] };
}
const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Info' };
/** "Warning CG101 13:35" for a CLI finding, the form the Problems panel rows are read into. */
const key = (f) => `${SEVERITY[f.severity]} ${f.ruleId} ${f.range.start.line}:${f.range.start.column}`;
const sortKeys = (keys) => [...keys].sort();
function counts(findings) {
  const n = (s) => findings.filter((f) => f.severity === s).length;
  return { errors: n('error'), warnings: n('warning'), infos: n('info') };
}
/** The status bar's problems item, as VS Code 1.100 labels it. */
function problemsLabel({ errors, warnings, infos }) {
  const parts = [];
  if (errors) parts.push(`Errors: ${errors}`);
  if (warnings) parts.push(`Warnings: ${warnings}`);
  if (infos) parts.push(`Infos: ${infos}`);
  return parts.length ? parts.join(', ') : 'No Problems';
}
/** Applies CLI edits (1-based lines and UTF-16 columns) to a text. */
function applyEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p) => starts[p.line - 1] + p.column - 1;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  for (const e of sorted) text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  return text;
}
const readDisk = (name) => fs.readFileSync(path.join(FOLDER, name), 'utf8');

// ---------------------------------------------------------------------------------------------------
// The workbench

const EDITOR = '.part.editor .editor-group-container.active .editor-instance .monaco-editor';
const nbsp = (s) => s.replace(/\u00a0/g, ' ');

/** Polls fn until pred accepts its value or the timeout passes; returns the last value. */
async function poll(fn, pred, timeout = TIMEOUT, interval = 100) {
  const deadline = Date.now() + timeout;
  let value = await fn();
  while (!pred(value) && Date.now() < deadline) {
    await page.waitForTimeout(interval);
    value = await fn();
  }
  return value;
}

/** Visible editor lines: number, text (non-breaking spaces normalised) and squiggle classes on it. */
async function visibleLines() {
  return page.evaluate((sel) => {
    const ed = document.querySelector(sel);
    if (!ed) return [];
    const byTop = new Map();
    for (const d of ed.querySelectorAll('.margin-view-overlays > div')) {
      const n = d.querySelector('.line-numbers');
      if (n) byTop.set(d.style.top, { line: Number(n.textContent), text: '', squiggles: [] });
    }
    for (const l of ed.querySelectorAll('.view-lines > .view-line')) {
      const e = byTop.get(l.style.top);
      if (e) e.text = l.textContent.replace(/\u00a0/g, ' ');
    }
    for (const s of ed.querySelectorAll('.view-overlays [class*="squiggly-"]')) {
      const e = byTop.get(s.parentElement.style.top);
      const m = /squiggly-(error|warning|info)/.exec(s.className);
      if (e && m && !e.squiggles.includes(m[1])) e.squiggles.push(m[1]);
    }
    return [...byTop.values()].sort((a, b) => a.line - b.line);
  }, EDITOR);
}
async function lineText(n) {
  return (await visibleLines()).find((l) => l.line === n)?.text;
}

/** Screen box of `needle` in the first visible line containing `lineIncludes`. */
async function textBox(lineIncludes, needle) {
  const box = await page.evaluate(
    ([sel, lineIncludes, needle]) => {
      const ed = document.querySelector(sel);
      for (const line of ed.querySelectorAll('.view-lines > .view-line')) {
        const t = line.textContent.replace(/\u00a0/g, ' ');
        if (!t.includes(lineIncludes)) continue;
        const at = t.indexOf(needle, Math.max(0, t.indexOf(lineIncludes) - needle.length));
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let pos = 0;
        let startSet = false;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (!startSet && pos + len > at) {
            range.setStart(n, at - pos);
            startSet = true;
          }
          if (startSet && pos + len >= at + needle.length) {
            range.setEnd(n, at + needle.length - pos);
            const b = range.getBoundingClientRect();
            return { x: b.x, y: b.y, width: b.width, height: b.height };
          }
          pos += len;
        }
      }
      return null;
    },
    [EDITOR, lineIncludes, needle],
  );
  if (!box) throw new Error(`"${needle}" not visible on a line with "${lineIncludes}"`);
  return box;
}

async function openFile(name, { firstTimeout } = {}) {
  const row = page.locator('.explorer-folders-view .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }),
  });
  await row.click();
  await page
    .locator('.tabs-container .tab.active .label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) })
    .waitFor({ timeout: firstTimeout ?? TIMEOUT });
  await page.locator(`${EDITOR} .view-lines`).waitFor();
}

/** Ctrl+G to line:column (1-based); the editor keeps the focus. */
async function goTo(line, column) {
  await page.locator(`${EDITOR} .view-lines`).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget:visible input').waitFor();
  await page.keyboard.type(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
}

async function statusProblems() {
  return page.locator('#status\\.problems').getAttribute('aria-label');
}
async function waitStatusProblems(expected, timeout = TIMEOUT) {
  return poll(statusProblems, (v) => v === expected, timeout);
}

/** Rows of the Problems panel as { file, key: "Severity CODE line:col", text }, scrolling through all. */
async function readProblems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
  }
  const list = page.locator('.markers-panel .monaco-list');
  await list.locator('.monaco-list-row').first().waitFor();
  // from the top: the list is virtual, and a selected row may have scrolled it down
  await list.hover();
  await page.mouse.wheel(0, -100000);
  // (the rows of the list proper: a sticky file header above them repeats a row of its own). When the
  // panel keeps its selected row in view, Home in the list goes to the top.
  const top = list.locator('.monaco-list-rows > .monaco-list-row[data-index="0"]');
  if (
    (await poll(
      () => top.count(),
      (n) => n > 0,
      1000,
    )) === 0
  ) {
    await list.focus();
    await page.keyboard.press('Home');
    await top.waitFor();
  }
  const seen = new Map();
  for (let round = 0; round < 50; round++) {
    const rows = await list.locator('.monaco-list-rows > .monaco-list-row').evaluateAll((els) =>
      els.map((e) => ({
        index: Number(e.getAttribute('data-index')),
        aria: e.getAttribute('aria-label') || '',
        text: e.innerText.replace(/\u00a0/g, ' '),
      })),
    );
    const before = seen.size;
    for (const r of rows) seen.set(r.index, r);
    if (seen.size === before && round > 0) break;
    await list.hover();
    await page.mouse.wheel(0, 200);
  }
  await list.hover();
  await page.mouse.wheel(0, -100000);
  await page.mouse.move(2, 2); // no row tooltip left over the next screenshot
  const out = [];
  let file = '';
  for (const r of [...seen.values()].sort((a, b) => a.index - b.index)) {
    const header = /problems? in (?:file )?(.+?) of folder/.exec(r.aria);
    if (header) {
      file = header[1];
      continue;
    }
    const sev = /^(Error|Warning|Info)/.exec(r.aria)?.[1];
    const code = /\b(CG\d{3})\b/.exec(r.text)?.[1];
    const pos = /\[Ln (\d+), Col (\d+)\]/.exec(r.text);
    out.push({ file, key: `${sev} ${code} ${pos?.[1]}:${pos?.[2]}`, text: r.text });
  }
  return out;
}
async function problemKeys(file) {
  return sortKeys((await readProblems()).filter((r) => r.file === file).map((r) => r.key));
}
/** Waits until the Problems panel lists exactly the CLI's findings for `file`. */
async function waitProblemsMatch(file, findings, timeout = TIMEOUT) {
  const expected = sortKeys(findings.map(key));
  const actual = await poll(
    () => problemKeys(file),
    (v) => JSON.stringify(v) === JSON.stringify(expected),
    timeout,
    250,
  );
  return checkEqual(`${file}: Problems panel lists the CLI's findings (rule, line, column)`, actual, expected);
}

/** Every CLI finding whose first line is on screen has a squiggle of its severity on that line. */
async function checkSquiggleLines(file, findings) {
  const want = (lines) => {
    const missing = [];
    for (const f of findings) {
      const l = lines.find((x) => x.line === f.range.start.line);
      if (l && !l.squiggles.includes(f.severity)) missing.push(`${f.ruleId} ${f.severity} line ${l.line}`);
    }
    return missing;
  };
  const lines = await poll(visibleLines, (v) => want(v).length === 0);
  const onScreen = findings.filter((f) => lines.some((l) => l.line === f.range.start.line));
  check(
    `${file}: squiggles on the lines of the ${onScreen.length} findings on screen, in their severity`,
    onScreen.length > 0 && want(lines).length === 0,
    `missing: ${want(lines).join(', ')}`,
  );
}

/** Opens the quick-fix menu at line:column, returns the row titles. */
async function quickFixMenu(line, column, mustContain) {
  await goTo(line, column);
  await page.mouse.move(2, 2); // a hover over the text would cover the menu
  await page.keyboard.press('Control+Period');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const none = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' });
  await rows.first().or(none).first().waitFor();
  if (await none.isVisible()) throw new Error(`No code actions available at ${line}:${column}`);
  if (mustContain) await rows.filter({ hasText: mustContain }).first().waitFor();
  return (await rows.allInnerTexts()).map(nbsp);
}
/** Moves the menu focus to the row whose title starts with `title` and presses Enter (clicks are
 * swallowed by VS Code's .context-view-pointerBlock overlay). */
async function chooseAction(title) {
  const focused = page.locator('.action-widget .monaco-list-row.action.focused');
  for (let i = 0; i < 20; i++) {
    if (nbsp(await focused.innerText().catch(() => '')).startsWith(title)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no menu row starting with ${JSON.stringify(title)}`);
}

async function save(name, predicate, what) {
  // The tab shows unsaved changes first (files.autoSave is off in the browser too), so that it is
  // Ctrl+S that writes the file.
  await page.locator('.tabs-container .tab.active.dirty').waitFor();
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  const text = await poll(
    () => readDisk(name),
    (t) => predicate(t),
  );
  check(`${name}: saved file ${what}`, predicate(text), text);
  return text;
}

async function languageStatus(expected) {
  const item = page.locator('#status\\.languageStatus');
  const label = await poll(
    async () => nbsp((await item.getAttribute('aria-label').catch(() => '')) || ''),
    (v) => expected.test(v),
  );
  return label;
}
async function openLanguageStatusHover() {
  await page.mouse.move(2, 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Cognito Guard' }).first();
  await page.locator('#status\\.languageStatus').hover();
  await hover.waitFor();
  return nbsp(await hover.innerText());
}

/** The language mode the status bar shows for the active editor ("Terraform", "JSON"). */
async function languageMode() {
  return nbsp(await page.locator('#status\\.editor\\.mode').innerText()).trim();
}

/** Runs a command from the command palette by its full title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget:visible input');
  await input.waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-widget:visible .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * "Developer: Inspect Editor Tokens and Scopes" at line:column: the token, its language, its TextMate
 * scopes and, when semantic tokens colour it, its semantic token type. Leaves the widget open.
 */
async function inspectToken(line, column) {
  await goTo(line, column);
  await runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.locator('td.tiw-metadata-key', { hasText: 'language' }).first().waitFor();
  const read = () =>
    widget.evaluate((w) => {
      const rows = {};
      for (const tr of w.querySelectorAll('tr')) {
        const k = tr.querySelector('td.tiw-metadata-key')?.textContent;
        const v = tr.querySelector('td.tiw-metadata-value');
        if (k && v && !(k in rows)) rows[k] = v.innerText.replace(/\u00a0/g, ' ').trim();
      }
      return { token: w.querySelector('h2.tiw-token')?.firstChild?.textContent ?? '', rows };
    });
  // the scopes row comes when the grammar has tokenized the line; the semantic row, with the tokens
  return poll(read, (v) => 'textmate scopes' in v.rows || 'semantic token type' in v.rows, 5000);
}
async function closeInspector() {
  await page.keyboard.press('Escape');
  await page.locator('.token-inspect-widget').waitFor({ state: 'detached' });
}
/** The colour the editor paints `needle` in, on the first visible line that contains `lineIncludes`. */
async function tokenColour(lineIncludes, needle) {
  return page.evaluate(
    ([sel, lineIncludes, needle]) => {
      const ed = document.querySelector(sel);
      for (const line of ed.querySelectorAll('.view-lines > .view-line')) {
        if (!line.textContent.replace(/\u00a0/g, ' ').includes(lineIncludes)) continue;
        for (const span of line.querySelectorAll('span > span')) {
          if (span.textContent.replace(/\u00a0/g, ' ').includes(needle)) return getComputedStyle(span).color;
        }
      }
      return null;
    },
    [EDITOR, lineIncludes, needle],
  );
}
/** 1-based line and column of the first occurrence of `needle` in a workspace file on disk. */
function positionOf(name, needle) {
  const lines = readDisk(name).split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${name}`);
  return [i + 1, lines[i].indexOf(needle) + 1];
}

async function writeWorkspaceSettings(settings) {
  const dir = path.join(FOLDER, '.vscode');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------------
// The scenario

const opened = []; // files open in the editor, for the status bar totals
async function totalsOverOpenFiles() {
  const all = opened.flatMap((f) => cli(f).findings);
  return problemsLabel(counts(all));
}

/** Phase 2: a stand-in for HashiCorp's extension (stub-terraform/) colours Terraform; the checks still run. */
async function withTerraformExtension() {
  const tf = 'main.tf';
  await step('n checks beside another Terraform extension', async () => {
    await openFile(tf, { firstTimeout: FIRST_TIMEOUT });
    await page
      .locator(EDITOR)
      .locator('.squiggly-error')
      .first()
      .waitFor({ state: 'attached', timeout: FIRST_TIMEOUT });
    await waitProblemsMatch(tf, cli(tf).findings);
    await page.keyboard.press('Control+Shift+M'); // the panel away again
  });
  /**
   * Opens `file`, inspects the token at `at` ([line, column]) and checks its language, that every one of
   * `scopes` is among its TextMate scopes, and that Cognito Guard gave it no semantic colour.
   */
  async function whoseColours(file, at, language, scopes, what, shotName) {
    await openFile(file);
    const t = await inspectToken(...at);
    checkEqual(`${file}: the file is in the ${language} language`, t.rows.language, language);
    const found = t.rows['textmate scopes'] ?? '';
    check(
      `${file}: ${what}`,
      scopes.every((sc) => found.split(/\s+/).includes(sc)),
      found,
    );
    checkEqual(`${file}: Cognito Guard adds no semantic colours`, t.rows['semantic token type'], undefined);
    if (shotName) await shot(shotName);
    await closeInspector();
  }
  await step('o colours come from the other Terraform extension', async () => {
    const resource = positionOf(tf, 'resource "aws_cognito_user_pool_client"');
    await whoseColours(
      tf,
      resource,
      'terraform',
      ['keyword.stub.terraform'],
      '"resource" has the other extension\'s scope',
      'stub-main-tf-inspect',
    );
    await whoseColours(
      'dev.tfvars',
      [1, 1],
      'terraform-vars',
      ['variable.stub.terraform-vars'],
      "the variable has the other extension's scope",
      'stub-tfvars-inspect',
    );
    await whoseColours('main.tf.json', [1, 2], 'json', ['source.json'], "has the JSON grammar's scopes");
    const [yl, yc] = positionOf('template.yaml', '!Ref');
    await whoseColours(
      'template.yaml',
      [yl, yc + 1],
      'yaml',
      ['source.yaml', 'support.function.intrinsic.cloudformation'],
      "!Ref has the YAML grammar's scope and the intrinsic-tag injection",
      'stub-template-yaml-inspect',
    );
  });
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-chromium-'));
  // Playwright refuses --user-data-dir in args: a persistent context is how a fresh profile is given.
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  try {
    await step('0 workbench', async () => {
      await page.goto(`${URL_}/?folder=${encodeURIComponent(FOLDER)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: FIRST_TIMEOUT });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: FIRST_TIMEOUT });
      await shot('workbench');
    });

    if (PHASE === 'terraform-extension') {
      await withTerraformExtension();
      return;
    }

    const tf = 'main.tf';
    let tfExpected = cli(tf);

    await step('a squiggles main.tf', async () => {
      const t0 = Date.now();
      await openFile(tf, { firstTimeout: FIRST_TIMEOUT });
      opened.push(tf);
      const ed = page.locator(EDITOR);
      await ed.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: FIRST_TIMEOUT });
      await ed.locator('.squiggly-warning').first().waitFor({ state: 'attached' });
      log(`first squiggle ${Date.now() - t0} ms after opening ${tf}`);
      check(`${tf}: error and warning squiggles shown`, true);
      await checkSquiggleLines(tf, tfExpected.findings);
      await waitProblemsMatch(tf, tfExpected.findings);
      const want = problemsLabel(counts(tfExpected.findings));
      checkEqual(`${tf}: status bar problem counts match the CLI`, await waitStatusProblems(want), want);
      await shot('a-main-tf-squiggles-problems');
    });

    await step('m Terraform colours without a Terraform extension', async () => {
      // no other extension brings a Terraform grammar: the server colours .tf and .tfvars (semantic tokens)
      const [line, col] = positionOf(tf, 'resource "aws_cognito_user_pool_client"');
      // (with no grammar, the inspector leaves the language empty: the status bar names it)
      checkEqual(`${tf}: the language mode is Terraform`, await languageMode(), 'Terraform');
      const kw = await inspectToken(line, col);
      checkEqual(
        `${tf}: "resource" is coloured as a keyword by Cognito Guard`,
        kw.rows['semantic token type'],
        'keyword',
      );
      await shot('m-colours-inspect');
      await closeInspector();
      const [sl, sc] = positionOf(tf, '"e2e-web"');
      const str = await inspectToken(sl, sc + 1);
      checkEqual(`${tf}: a quoted value is coloured as a string`, str.rows['semantic token type'], 'string');
      await closeInspector();
      const colours = await poll(
        async () => [
          await tokenColour('resource "aws_cognito_user_pool_client"', 'resource'),
          await tokenColour('name         = "e2e-web"', '"e2e-web"'),
        ],
        ([k, v]) => k && v && k !== v,
      );
      check(
        `${tf}: keyword and string are painted in different colours`,
        colours[0] && colours[0] !== colours[1],
        colours,
      );
      await shot('m-colours-main-tf');

      const vars = 'dev.tfvars';
      await openFile(vars);
      checkEqual(`${vars}: the language mode is Terraform Variables`, await languageMode(), 'Terraform Variables');
      const v = await inspectToken(1, 1);
      checkEqual(`${vars}: the variable name is coloured as a property`, v.rows['semantic token type'], 'property');
      await closeInspector();
      // the language configuration is set at run time: Ctrl+/ comments the line with #
      const before = await lineText(1);
      await goTo(1, 1);
      await page.keyboard.press('Control+Slash');
      const commented = await poll(
        () => lineText(1),
        (t) => t !== before,
      );
      checkEqual(`${vars}: Ctrl+/ comments the line out with "#"`, commented, `# ${before}`);
      await page.keyboard.press('Control+Z');
      await poll(
        () => lineText(1),
        (t) => t === before,
      );
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
      await page.keyboard.press('Control+W');
    });

    await step('h language status main.tf', async () => {
      const n = tfExpected.clients.length;
      const re = new RegExp(`Cognito Guard: ${n} clients?, (<1|\\d+) ms`);
      const label = await languageStatus(re);
      check(`${tf}: language status says "Cognito Guard: ${n} clients"`, re.test(label), label);
      const hover = await openLanguageStatusHover();
      check(`${tf}: language status hover shows the client count`, re.test(hover), hover);
      await shot('h-language-status-main-tf');
      await page.mouse.move(2, 2);
    });

    await step('b hover main.tf', async () => {
      await page.locator(`${EDITOR} .view-lines`).click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Home');
      const p = param('preventUserExistenceErrors');
      const summary = plain(p.doc.summary);
      const box = await textBox(p.tf, p.tf);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: summary }).first();
      await hover.waitFor();
      const text = nbsp(await hover.innerText());
      check(`hover on ${p.tf} shows its summary`, text.includes(summary), text);
      check(`hover on ${p.tf} names the CloudFormation property`, text.includes(`${p.cfn} in CloudFormation`), text);
      await shot('b-hover-parameter');
      await page.mouse.move(2, 2);
      await hover.waitFor({ state: 'hidden' });

      // access_token_validity = 48 with access_token = "hours": 2 days.
      const human = humanDuration(48 * 3600);
      const vbox = await textBox('access_token_validity', '48');
      await page.mouse.move(vbox.x + vbox.width / 2, vbox.y + vbox.height / 2);
      const row = page
        .locator('.monaco-hover:not(.hidden) .hover-row', { hasText: new RegExp(`^${human} \\(48 hours\\)`) })
        .first();
      await row.waitFor();
      const rowText = nbsp(await row.innerText());
      check(
        `hover on a duration value shows "${human} (48 hours)"`,
        rowText.startsWith(`${human} (48 hours)`),
        rowText,
      );
      check(
        'hover on a duration value gives the range in the unit in force',
        rowText.includes('Allowed in hours: 1 to 24 hours'),
        rowText,
      );
      await shot('b-hover-duration');
      await page.mouse.move(2, 2);
    });

    await step('c quick fix CG101', async () => {
      const before = readDisk(tf);
      const f = tfExpected.findings.find((x) => x.ruleId === 'CG101');
      const fix = f.fixes.find((x) => x.preferred) || f.fixes[0];
      const ignore = `Ignore CG101 for ${f.resource}`;
      const titles = await quickFixMenu(f.range.start.line, f.range.start.column, fix.title);
      check(`CG101 quick-fix menu offers "${fix.title}"`, titles.includes(fix.title), titles.join(' | '));
      check(`CG101 quick-fix menu offers "${ignore}"`, titles.includes(ignore), titles.join(' | '));
      await shot('c-quick-fix-menu');
      await chooseAction(fix.title);
      const expected = applyEdits(before, fix.edits);
      const line = f.range.start.line;
      const wantLine = expected.split('\n')[line - 1];
      const got = await poll(
        () => lineText(line),
        (t) => t === wantLine,
      );
      checkEqual(`editor line ${line} after the fix`, got, wantLine);
      const disk = await save(tf, (t) => t !== before, 'changed');
      checkEqual(`${tf}: saved file is the original with the CLI's fix applied`, disk, expected);
      const lines = await poll(visibleLines, (v) => !v.find((l) => l.line === line)?.squiggles.length);
      const l = lines.find((x) => x.line === line);
      check(`the squiggle on line ${line} is gone`, l && l.squiggles.length === 0, JSON.stringify(l));
      tfExpected = cli(tf);
      check('the CLI no longer reports CG101', !tfExpected.findings.some((x) => x.ruleId === 'CG101'));
      await waitProblemsMatch(tf, tfExpected.findings);
      await shot('c-quick-fix-applied');
    });

    await step('d fix all in client', async () => {
      const before = readDisk(tf);
      // "Fix all safe problems in <client>" is offered for a client with at least two safe fixes.
      const safe = tfExpected.findings.filter((x) => x.resource && x.fixes.some((y) => y.safe));
      const client = [...new Set(safe.map((x) => x.resource))].find(
        (r) => safe.filter((x) => x.resource === r).length >= 2,
      );
      if (!client) throw new Error(`no client in ${tf} has two safe fixes: ${safe.map(key).join(', ')}`);
      const target = safe.find((x) => x.resource === client);
      const title = `Fix all safe problems in ${client}`;
      const others = sortKeys(tfExpected.findings.filter((x) => x.resource !== client).map(key));
      const titles = await quickFixMenu(target.range.start.line, target.range.start.column, title);
      check(
        `quick-fix menu offers "${title} (…)"`,
        titles.some((t) => t.startsWith(title)),
        titles.join(' | '),
      );
      await shot('d-fix-all-menu');
      await chooseAction(title);
      await poll(
        () => page.locator('.tabs-container .tab.active.dirty').count(),
        (n) => n > 0,
      );
      await save(tf, (t) => t !== before, 'changed');
      tfExpected = cli(tf);
      const left = tfExpected.findings.filter((x) => x.resource === client && x.fixes.some((y) => y.safe));
      check(`no safe fix is left in ${client}`, left.length === 0, left.map(key).join(', '));
      checkEqual(
        `findings of the other clients untouched`,
        sortKeys(tfExpected.findings.filter((x) => x.resource !== client).map(key)),
        others,
      );
      await waitProblemsMatch(tf, tfExpected.findings);
      await shot('d-fix-all-applied');
    });

    await step('i yaml and json templates', async () => {
      for (const name of ['template.yaml', 'template.json', 'main.tf.json', 'serverless.yml']) {
        const { findings } = cli(name);
        await openFile(name);
        opened.push(name);
        const worst = findings.some((x) => x.severity === 'error') ? 'error' : 'warning';
        await page.locator(`${EDITOR} .squiggly-${worst}`).first().waitFor({ state: 'attached' });
        check(`${name}: ${worst} squiggles shown`, true);
        await checkSquiggleLines(name, findings);
        await waitProblemsMatch(name, findings);
        await shot(`i-${name.replace(/\./g, '-')}`);
      }
      const want = await totalsOverOpenFiles();
      checkEqual(
        `status bar counts match the CLI over the ${opened.length} open files`,
        await waitStatusProblems(want),
        want,
      );
    });

    await step('g ignore action', async () => {
      const name = 'template.yaml';
      await openFile(name);
      const before = readDisk(name);
      const f = cli(name).findings.find((x) => x.severity === 'warning');
      const title = `Ignore ${f.ruleId} for ${f.resource}`;
      const titles = await quickFixMenu(f.range.start.line, f.range.start.column, title);
      check(`${name}: quick-fix menu offers "${title}"`, titles.includes(title), titles.join(' | '));
      await shot('g-ignore-menu');
      await chooseAction(title);
      const header = before.split('\n').findIndex((l) => l.trimEnd() === `  ${f.resource}:`);
      const comment = new RegExp(`^\\s*# cognito-guard-ignore ${f.ruleId}\\b`);
      const shown = await poll(
        () => lineText(header + 1),
        (t) => comment.test(t || ''),
      );
      check(`editor shows "# cognito-guard-ignore ${f.ruleId}" above ${f.resource}`, comment.test(shown || ''), shown);
      const disk = await save(name, (t) => t !== before, 'changed');
      const lines = disk.split('\n');
      const at = lines.findIndex((l) => l.trimEnd() === `  ${f.resource}:`);
      check(
        `${name}: the line above the resource is the ignore comment`,
        at > 0 && comment.test(lines[at - 1]) && lines[at - 1].startsWith('  #'),
        lines.slice(Math.max(0, at - 2), at + 1).join('\n'),
      );
      const now = cli(name).findings;
      check(`${name}: the CLI no longer reports ${f.ruleId}`, !now.some((x) => x.ruleId === f.ruleId));
      await waitProblemsMatch(name, now);
      await shot('g-ignore-applied');
    });

    await step('h language status docker-compose.yml', async () => {
      const name = 'docker-compose.yml';
      await openFile(name);
      // not a template: no Cognito Guard entry in the language status (main.tf, open before, had one)
      const item = page.locator('#status\\.languageStatus');
      const label = await poll(
        async () => nbsp((await item.getAttribute('aria-label', { timeout: 500 }).catch(() => '')) || ''),
        (v) => !/Cognito Guard/.test(v),
      );
      check(`${name}: no Cognito Guard language status entry`, !/Cognito Guard/.test(label), label);
      await shot('h-language-status-compose');
      await page.mouse.move(2, 2);
      const lines = await visibleLines();
      check(
        `${name}: no squiggles`,
        lines.every((l) => l.squiggles.length === 0),
      );
    });

    await step('e fix all on save', async () => {
      const name = 'template.json';
      // editor.rulers draws a ruler as soon as VS Code has read the file: the sign that the settings are in.
      await writeWorkspaceSettings({
        'editor.codeActionsOnSave': { 'source.fixAll.cognitoGuard': 'explicit' },
        'editor.rulers': [110],
      });
      await openFile(name);
      await page.locator(`${EDITOR} .view-ruler`).first().waitFor({ state: 'attached' });
      const before = readDisk(name);
      const safe = cli(name).findings.filter((x) => x.fixes.some((y) => y.safe));
      check(`${name}: the CLI sees safe fixes before saving`, safe.length > 0);
      // Make the file dirty with a harmless change (a final empty line), then save with Ctrl+S.
      await page.locator(`${EDITOR} .view-lines`).click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active.dirty').waitFor();
      const edited = before + '\n'; // Enter at the end, after the final newline
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-fix-'));
      fs.writeFileSync(path.join(dir, name), edited);
      execFileSync(process.execPath, [path.join(ROOT, 'bin/cognito-guard.js'), '--fix', '--fail-on', 'none', dir]);
      const expected = fs.readFileSync(path.join(dir, name), 'utf8');
      fs.rmSync(dir, { recursive: true, force: true });
      const disk = await save(name, (t) => t !== before && t !== edited, 'has the fixes');
      checkEqual(`${name}: Ctrl+S applied the same fixes as cognito-guard --fix`, disk, expected);
      const left = cli(name).findings.filter((x) => x.fixes.some((y) => y.safe));
      check(`${name}: no safe fix left after saving`, left.length === 0, left.map(key).join(', '));
      await waitProblemsMatch(name, cli(name).findings);
      await shot('e-fix-all-on-save');
    });

    await step('f rule turned off in settings', async () => {
      const name = 'serverless.yml';
      await openFile(name);
      const f = cli(name).findings.find((x) => x.ruleId === 'CG101');
      await goTo(f.range.start.line, f.range.start.column);
      const line = f.range.start.line;
      const has = await poll(visibleLines, (v) => v.find((l) => l.line === line)?.squiggles.includes('warning'));
      check(
        `${name}: CG101 squiggle on line ${line} before`,
        has.find((l) => l.line === line)?.squiggles.includes('warning'),
      );
      await shot('f-before-rule-off');
      await writeWorkspaceSettings({
        'editor.codeActionsOnSave': { 'source.fixAll.cognitoGuard': 'explicit' },
        'editor.rulers': [110],
        'cognitoGuard.rules': { CG101: 'off' },
      });
      const lines = await poll(visibleLines, (v) => !v.find((l) => l.line === line)?.squiggles.includes('warning'));
      const l = lines.find((x) => x.line === line);
      check(
        `${name}: CG101 squiggle gone after "cognitoGuard.rules": {"CG101": "off"}`,
        l && !l.squiggles.includes('warning'),
        JSON.stringify(l),
      );
      await waitProblemsMatch(
        name,
        cli(name).findings.filter((x) => x.ruleId !== 'CG101'),
      );
      const want = problemsLabel(counts(opened.flatMap((x) => cli(x).findings).filter((x) => x.ruleId !== 'CG101')));
      checkEqual('status bar counts drop by the CG101 findings', await waitStatusProblems(want), want);
      await shot('f-after-rule-off');
    });

    await step('j rule documentation from the quick-fix menu', async () => {
      const name = 'main.tf.json';
      await openFile(name);
      const f = cli(name).findings.find((x) => x.severity === 'warning');
      const title = `Show documentation for ${f.ruleId}`;
      const titles = await quickFixMenu(f.range.start.line, f.range.start.column, title);
      check(`${name}: quick-fix menu offers "${title}"`, titles.includes(title), titles.join(' | '));
      const firstDocs = titles.findIndex((t) => t.startsWith('Show documentation for '));
      check(`${name}: the fixes come before the documentation`, firstDocs > 0, titles.join(' | '));
      await shot('j-docs-menu');
      await chooseAction(title);
      // the bundled page opens in VS Code's Markdown preview (a webview tab), offline
      const tab = page.locator('.tabs-container .tab', { hasText: `Preview ${f.ruleId}.md` });
      await tab.waitFor();
      check(`"Preview ${f.ruleId}.md" tab opened`, true);
      const heading = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h1').first();
      await heading.waitFor();
      const h1 = nbsp(await heading.innerText());
      check(`the preview shows the page of ${f.ruleId}`, h1.startsWith(`${f.ruleId}:`), h1);
      await shot('j-docs-preview');
      await page.keyboard.press('Control+W'); // close the preview
      await tab.waitFor({ state: 'detached' });
    });

    await step('k fix all from the context menu', async () => {
      // on a file that is not a template, the context menu has no Cognito Guard entry
      const TITLE = 'Fix All Safe Problems in This File';
      const menuItem = page.locator('.context-view .monaco-menu .action-label', { hasText: TITLE });
      const openMenu = async () => {
        // the editor area, not its lines: a file scrolled to its end may show a single empty line
        await page.locator(`${EDITOR} .overflow-guard`).click({ position: { x: 200, y: 40 } });
        await page.keyboard.press('Control+Home');
        await page.mouse.move(2, 2);
        await page.keyboard.press('Shift+F10'); // the editor's context menu, as a right click opens it
        await page.locator('.context-view .monaco-menu').waitFor();
      };
      await openFile('docker-compose.yml');
      await poll(
        async () =>
          (await page
            .locator('#status\\.languageStatus')
            .getAttribute('aria-label', { timeout: 500 })
            .catch(() => '')) || '',
        (v) => !/Cognito Guard/.test(v),
      );
      await openMenu();
      check('docker-compose.yml: no "Fix All Safe Problems" in the context menu', (await menuItem.count()) === 0);
      await page.keyboard.press('Escape');
      await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });

      // back to default rule levels (step f turned CG101 off), so that the CLI's findings are the editor's
      await writeWorkspaceSettings({ 'editor.rulers': [110] });
      const safeIn = (n) => cli(n).findings.filter((x) => x.fixes.some((y) => y.safe));
      const name = ['main.tf', 'template.yaml', 'main.tf.json', 'serverless.yml'].find((n) => safeIn(n).length > 0);
      if (!name) throw new Error('no workspace file has a safe fix left');
      await openFile(name);
      await languageStatus(/Cognito Guard/);
      await waitProblemsMatch(name, cli(name).findings); // the settings are in
      const before = readDisk(name);
      log(`${name}: ${safeIn(name).length} findings with a safe fix`);
      await openMenu();
      await menuItem.waitFor();
      await shot('k-context-menu');
      await menuItem.click();
      await page.locator('.tabs-container .tab.active.dirty').waitFor();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-fix-'));
      fs.writeFileSync(path.join(dir, name), before);
      execFileSync(process.execPath, [path.join(ROOT, 'bin/cognito-guard.js'), '--fix', '--fail-on', 'none', dir]);
      const expected = fs.readFileSync(path.join(dir, name), 'utf8');
      fs.rmSync(dir, { recursive: true, force: true });
      const disk = await save(name, (t) => t !== before, 'has the fixes');
      checkEqual(`${name}: the command applied the same fixes as cognito-guard --fix`, disk, expected);
      await waitProblemsMatch(name, cli(name).findings);
      await shot('k-fix-all-applied');
    });

    await step('l settings problem and off', async () => {
      const name = 'serverless.yml';
      await openFile(name);
      await writeWorkspaceSettings({ 'editor.rulers': [110], 'cognitoGuard.rules': { CG999: 'off' } });
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'CG999' });
      await toast.waitFor();
      const text = nbsp(await toast.innerText());
      check('a notification names the unknown rule CG999', /CG999/.test(text), text);
      const button = toast.locator('.monaco-button', { hasText: 'Open Settings' });
      check('the notification has an "Open Settings" button', (await button.count()) === 1, text);
      await shot('l-settings-notification');
      await button.click();
      const settingsTab = page.locator('.tabs-container .tab.active', { hasText: 'Settings' });
      await settingsTab.waitFor();
      const search = page.locator('.settings-editor .suggest-input-container .view-lines');
      const query = await poll(
        async () => nbsp(await search.innerText().catch(() => '')),
        (v) => v.includes('cognitoGuard'),
      );
      check('the button opens the settings at cognitoGuard', query.includes('cognitoGuard'), query);
      await shot('l-settings-opened');
      await page.keyboard.press('Control+W');
      await settingsTab.waitFor({ state: 'detached' });

      await openFile(name);
      await writeWorkspaceSettings({ 'editor.rulers': [110], 'cognitoGuard.enable': false });
      const label = await languageStatus(/Cognito Guard: off/);
      check(`${name}: language status says "Cognito Guard: off"`, /Cognito Guard: off/.test(label), label);
      const lines = await poll(visibleLines, (v) => v.every((l) => l.squiggles.length === 0));
      check(
        `${name}: no squiggles while off`,
        lines.every((l) => l.squiggles.length === 0),
      );
      await shot('l-status-off');
    });

    await step('p the extension page shows the README screenshots', async () => {
      await runCommand('Extensions: Show Enabled Extensions');
      const item = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Cognito Guard' }).first();
      await item.click();
      const tab = page.locator('.tabs-container .tab.active', { hasText: 'Cognito Guard' });
      await tab.waitFor();
      const readme = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const imgs = readme.locator('img');
      await imgs.first().waitFor({ state: 'attached' });
      // VS Code loads README images over https only, so vsce points them at the repository's raw files
      // (nothing loads here: no network). Every screenshot of the README is there, at its file.
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const base = `${pkg.repository.url.replace(/\.git$/, '')}/raw/HEAD/`;
      const want = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(
        (m) => base + m[1],
      );
      const srcs = await poll(
        () => imgs.evaluateAll((els) => els.map((e) => e.getAttribute('src'))),
        (v) => want.every((w) => v.includes(w)),
      );
      check(
        `the extension page shows the README's ${want.length} screenshots, linked to the repository`,
        want.length >= 2 && want.every((w) => srcs.includes(w)),
        `want ${JSON.stringify(want)}\n got ${JSON.stringify(srcs)}`,
      );
      await imgs.first().scrollIntoViewIfNeeded();
      await shot('p-extension-page');
      await page.keyboard.press('Control+W');
      await tab.waitFor({ state: 'detached' });
    });

    await step('q the output starts with the server version', async () => {
      await runCommand('Cognito Guard: Show Output');
      const lines = page.locator('.part.panel .monaco-editor .view-lines');
      await lines.waitFor();
      const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
      const header = new RegExp(
        `Cognito Guard language server ${version.replace(/\./g, '\\.')} \\(.+server\\.js\\) on Node v\\d+`,
      );
      await lines.click();
      await page.keyboard.press('Control+Home');
      // the output wraps long lines: the first entry is the text up to the second timestamp
      const firstEntry = async () => {
        const text = await lines.evaluate((el) =>
          [...el.querySelectorAll('.view-line')]
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
            .map((l) => l.textContent)
            .join(''),
        );
        const stamps = [...nbsp(text).matchAll(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ /g)];
        return stamps[0]?.index === 0 ? nbsp(text).slice(0, stamps[1]?.index) : nbsp(text);
      };
      const first = await poll(firstEntry, (t) => header.test(t));
      check(
        "the output's first line names the server version, its file and the Node version",
        header.test(first),
        first,
      );
      await shot('q-output');
      // the server runs with the Node flags the extension gives it (server/src/core/settings.ts)
      const { SERVER_NODE_FLAGS } = require(path.join(ROOT, 'out/server/src/core/settings.js'));
      const server = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .find((l) => /cognito-guard\.cognito-guard-[^/]+\/dist\/server\.js/.test(l));
      check(
        `the language server runs with ${SERVER_NODE_FLAGS.join(' ')}`,
        !!server && SERVER_NODE_FLAGS.every((f) => server.split(' ').includes(f)),
        server,
      );
    });
  } finally {
    if (pageErrors.length) log(`page errors (${pageErrors.length}):\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  check('driver ran to the end', false, e && e.stack ? e.stack : e);
}
console.log('\nStep timings:');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(40)} ${String(ms).padStart(6)} ms`);
console.log(`  ${'total (browser)'.padEnd(40)} ${String(Date.now() - started).padStart(6)} ms`);
if (failures.length) console.log(`\nFailed:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
