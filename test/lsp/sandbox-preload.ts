/**
 * A sandbox for a Node process, loaded with `node --require` (or NODE_OPTIONS=--require): network
 * connections (net, tls, http, https, dgram, dns), child processes, worker threads and file system reads
 * outside an allow-list throw, and every attempt is appended as a JSON line to a log file. Used by
 * side-effects.test.ts to show that the language server does nothing behind the user's back.
 *
 *   CG_SANDBOX_LOG    the file the attempts are appended to (required)
 *   CG_SANDBOX_ALLOW  JSON array of paths (folders or files) that may be read
 *
 * Only the public modules are patched, before any other code loads: Node's own module loader reads
 * through internal bindings and is not affected (the allow-list still names the folders it needs).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the modules' own objects must be patched, not the
   copies that `import * as` makes with esModuleInterop */
import childProcess = require('node:child_process');
import dgram = require('node:dgram');
import dns = require('node:dns');
import fs = require('node:fs');
import http = require('node:http');
import https = require('node:https');
import net = require('node:net');
import path = require('node:path');
import tls = require('node:tls');
import workerThreads = require('node:worker_threads');
/* eslint-enable @typescript-eslint/no-require-imports */

const LOG = process.env.CG_SANDBOX_LOG;
if (!LOG) throw new Error('sandbox-preload: CG_SANDBOX_LOG is not set');
const ALLOW = (JSON.parse(process.env.CG_SANDBOX_ALLOW ?? '[]') as string[]).map((p) => path.resolve(p));
const append = fs.appendFileSync;

function record(kind: string, detail: unknown): never {
  let stack = '';
  try {
    stack = (new Error().stack ?? '').split('\n').slice(3, 9).join('\n');
  } catch {
    // no stack
  }
  append(LOG as string, JSON.stringify({ kind, detail, pid: process.pid, stack }) + '\n');
  throw new Error(`blocked by the test sandbox: ${kind} ${JSON.stringify(detail)}`);
}

function allowed(p: unknown): boolean {
  let s: string;
  if (typeof p === 'number') return true; // a descriptor: checked when it was opened
  if (p instanceof URL) s = p.protocol === 'file:' ? decodeURIComponent(p.pathname) : p.href;
  else if (Buffer.isBuffer(p)) s = p.toString();
  else s = String(p);
  const abs = path.resolve(s);
  return ALLOW.some((a) => abs === a || abs.startsWith(a + path.sep));
}

type AnyFn = (...args: unknown[]) => unknown;

/** Replaces `obj[name]` with a function that checks its first argument as a path. */
function guardPath(obj: Record<string, unknown>, name: string, kind: string): void {
  const original = obj[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (!allowed(args[0])) record(kind, { fn: name, path: String(args[0]) });
    return (original as AnyFn).apply(this, args);
  };
  Object.defineProperty(obj, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
}

/** Replaces `obj[name]` with a function that always records and throws. */
function block(obj: Record<string, unknown>, name: string, kind: string, describe: (args: unknown[]) => unknown): void {
  if (typeof obj[name] !== 'function') return;
  const wrapped = function (...args: unknown[]): unknown {
    return record(kind, { fn: name, target: describe(args) });
  };
  Object.defineProperty(obj, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
}

const target = (args: unknown[]): unknown => {
  const a = args[0];
  if (typeof a === 'string' || typeof a === 'number') return a;
  if (a instanceof URL) return a.href;
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    return o.href ?? o.path ?? `${String(o.host ?? o.hostname ?? '')}:${String(o.port ?? '')}`;
  }
  return String(a);
};

// file system reads: contents, directory listings and metadata
const fsObj = fs as unknown as Record<string, unknown>;
for (const name of [
  'readFile',
  'readFileSync',
  'open',
  'openSync',
  'openAsBlob',
  'createReadStream',
  'readdir',
  'readdirSync',
  'opendir',
  'opendirSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'exists',
  'existsSync',
  'access',
  'accessSync',
  'realpath',
  'realpathSync',
  'watch',
  'watchFile',
  'cp',
  'cpSync',
  'copyFile',
  'copyFileSync',
]) {
  guardPath(fsObj, name, 'fs');
}
const promisesObj = fs.promises as unknown as Record<string, unknown>;
for (const name of [
  'readFile',
  'open',
  'readdir',
  'opendir',
  'stat',
  'lstat',
  'access',
  'realpath',
  'watch',
  'cp',
  'copyFile',
]) {
  guardPath(promisesObj, name, 'fs');
}

// network
const netObj = net as unknown as Record<string, unknown>;
block(netObj, 'connect', 'net', target);
block(netObj, 'createConnection', 'net', target);
const socketProto = net.Socket.prototype as unknown as Record<string, unknown>;
block(socketProto, 'connect', 'net', target);
block(tls as unknown as Record<string, unknown>, 'connect', 'tls', target);
for (const m of [http, https] as unknown as Array<Record<string, unknown>>) {
  const kind = m === (https as unknown) ? 'https' : 'http';
  block(m, 'request', kind, target);
  block(m, 'get', kind, target);
}
block(dgram as unknown as Record<string, unknown>, 'createSocket', 'dgram', target);
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  block(dns as unknown as Record<string, unknown>, name, 'dns', target);
  block(dns.promises as unknown as Record<string, unknown>, name, 'dns', target);
}

// processes and threads
const cpObj = childProcess as unknown as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  block(cpObj, name, 'child_process', (args) => args[0]);
}
/** `new Worker(...)` calls this, which records and throws. */
function BlockedWorker(file: unknown): never {
  return record('worker_threads', { fn: 'Worker', target: String(file) });
}
Object.defineProperty(workerThreads, 'Worker', { value: BlockedWorker, writable: true, configurable: true });
