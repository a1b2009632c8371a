/**
 * The test runner VS Code loads with `--extensionTestsPath`: runs suite/tests.ts in order inside the
 * extension host, prints one line per test and "N passed, M failed", and rejects when a test failed
 * (which makes @vscode/test-electron exit non-zero).
 */
import { tests } from './tests';

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`PASS ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.error(`FAIL ${t.name}\n  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${tests.length} extension tests failed`);
}
