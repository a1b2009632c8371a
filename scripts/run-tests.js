#!/usr/bin/env node
// Runs node's test runner on every compiled *.test.js below the given folders (Node 20's --test has no globs).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function find(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const dirs = process.argv.slice(2);
const files = dirs.flatMap((d) => find(d, [])).sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.js files under ${dirs.join(', ')}; was the build run?`);
  process.exit(1);
}
// A test that hangs fails after five minutes instead of holding CI until its limit.
const r = spawnSync(process.execPath, ['--test', '--test-timeout=300000', ...files], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
