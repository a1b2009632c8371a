/**
 * What the VSIX carries (`vsce ls`, the list `npm run package` packs): the bundles, grammars, manifest,
 * documents, icon and rule pages, and nothing a user does not need (sources, tests, examples, maps of
 * other builds, node_modules).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers';

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
  /^dist\/(server|extension)\.js(\.map)?$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^docs\/rules\/(CG\d{3}|README)\.md$/,
];

describe('VSIX contents', () => {
  it('holds what VS Code loads and nothing else', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const files = out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('=>'));
    const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(stray, [], 'files a user does not need');
    for (const need of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'images/icon.png',
      'dist/server.js',
      'dist/extension.js',
    ]) {
      assert.ok(files.includes(need), `${need} is missing from the VSIX`);
    }
    const rules = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => /^CG\d{3}\.md$/.test(f));
    assert.ok(rules.length > 30);
    for (const r of rules) assert.ok(files.includes(`docs/rules/${r}`), `rule page ${r} is missing`);
    // The README's screenshots: VS Code's extension page loads images only over https (its CSP) and vsce
    // accepts only https images, so they cannot travel inside the VSIX; vsce rewrites the relative links
    // to the repository's raw files. Each link must name a file that exists there.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    assert.ok(images.length >= 2, `the README shows ${images.length} images`);
    for (const img of images) {
      assert.ok(!/^[a-z]+:/i.test(img), `${img}: relative, for vsce to point at the repository`);
      assert.ok(fs.existsSync(path.join(ROOT, img)), `${img} does not exist`);
      assert.ok(!files.includes(img), `${img} is in the VSIX, where nothing would load it`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      icon?: string;
      repository?: { url?: string };
      scripts: Record<string, string>;
    };
    assert.match(pkg.repository?.url ?? '', /^https:\/\/github\.com\//, 'vsce rewrites links against the repository');
    assert.doesNotMatch(pkg.scripts.package ?? '', /--no-rewrite-relative-links/);
    assert.equal(pkg.icon, 'images/icon.png');
    const png = fs.readFileSync(path.join(ROOT, 'images', 'icon.png'));
    assert.equal(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, true, 'the icon is at least 128x128');
  });
});
