/**
 * Runs the extension test suite (suite/) inside a real VS Code that @vscode/test-electron downloads.
 *
 *   npm ci && npm run package && xvfb-run -a node out/test/e2e/electron/runTest.js
 *
 * VSCODE_VERSION picks the VS Code release: `stable` by default; CI also runs the minimum that
 * `engines.vscode` declares. It needs a network that reaches the VS Code download service and a display
 * (xvfb on Linux), so it runs in GitHub Actions and not on the offline development machines, where
 * test/e2e/vscode/run.sh drives the same VSIX in code-server instead.
 *
 * The extension is loaded from the repository root (`main`: dist/extension.js, so package first); the
 * workspace is a scratch copy of test/e2e/vscode/workspace/.
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: this file runs as out/test/e2e/electron/runTest.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** What the runner needs before it starts VS Code; exported so that it can be checked offline. */
export function prepare(): { version: string; workspace: string; run: string; extensionTestsPath: string } {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run package` (or `npm run build:bundle`) first');
  }
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run \`npm run build\``);
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-electron-'));
  const workspace = path.join(run, 'ws');
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'vscode', 'workspace'), workspace, { recursive: true });
  return { version: process.env.VSCODE_VERSION || 'stable', workspace, run, extensionTestsPath };
}

async function main(): Promise<number> {
  const { version, workspace, run, extensionTestsPath } = prepare();
  console.log(`VS Code ${version}, workspace ${workspace}`);
  try {
    await runTests({
      version,
      // Downloads and the instance's user data stay out of the work tree (test-results/ is ignored).
      cachePath: path.join(ROOT, 'test-results', 'electron', 'vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        // GitHub's Ubuntu 24.04 runners do not allow Chromium's user-namespace sandbox.
        '--no-sandbox',
        `--user-data-dir=${path.join(run, 'user-data')}`,
        `--extensions-dir=${path.join(run, 'extensions')}`,
      ],
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    fs.rmSync(run, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
