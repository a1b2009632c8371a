#!/usr/bin/env node
// Bundles the extension and the language server with esbuild, for the VSIX:
//   client/src/extension.ts -> dist/extension.js   (loaded by VS Code; `vscode` is provided by the host)
//   server/src/server.ts    -> dist/server.js      (started by the client as a separate Node process)
//   server/src/cli.ts       -> dist/cli.js         (used by bin/cognito-guard.js when it is up to date)
// Usage: node scripts/build.mjs [--watch]
// Type checking is not done here (esbuild only strips types): `tsc -b` and `tsc -p client` do that.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: false,
  sourcemap: 'linked',
  // Prefer ES module builds: jsonc-parser's UMD build hides its internal requires from the bundler.
  mainFields: ['module', 'main'],
  logLevel: 'info',
  absWorkingDir: root,
};

const bundles = [
  {
    name: 'extension',
    entry: 'client/src/extension.ts',
    options: {
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
    },
  },
  {
    name: 'server',
    entry: 'server/src/server.ts',
    options: { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  },
  {
    // the command line: one file loads much faster than the ~200 modules of out/
    name: 'cli',
    entry: 'server/src/cli.ts',
    options: { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', logLevel: 'warning' },
  },
];

const missing = bundles.filter((b) => !existsSync(join(root, b.entry)));
if (missing.length > 0) {
  for (const b of missing) console.error(`build: ${b.entry} does not exist, so dist/${b.name}.js cannot be made.`);
  process.exit(1);
}

if (watch) {
  for (const b of bundles) {
    const ctx = await esbuild.context(b.options);
    await ctx.watch();
  }
  console.log('build: watching for changes (Ctrl+C to stop)');
} else {
  // logLevel 'info' prints each output file and its size.
  await Promise.all(bundles.map((b) => esbuild.build(b.options)));
}
