'use strict';
// Picks the program to run: the esbuild bundle in dist/ when it is at least as new as the compiled
// sources in out/ (one file loads much faster than ~200 modules), otherwise out/.
const fs = require('node:fs');
const path = require('node:path');

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

module.exports = function entry(bundle, compiled) {
  const root = path.join(__dirname, '..');
  const d = path.join(root, 'dist', bundle);
  const o = path.join(root, 'out', compiled);
  if (process.env.COGNITO_GUARD_FROM === 'out') return o; // tests that patch modules in out/
  return mtime(d) >= mtime(o) && mtime(d) > 0 ? d : o;
};
