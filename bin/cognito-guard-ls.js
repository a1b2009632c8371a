#!/usr/bin/env node
'use strict';
// The cognito-guard language server for any editor: `cognito-guard-ls --stdio`.
if (
  !process.argv
    .slice(2)
    .some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))
) {
  process.argv.push('--stdio');
}
require(require('./entry')('server.js', 'server/src/server.js')).startServer();
