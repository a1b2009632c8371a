/**
 * The language server as an editor sees it: `cognito-guard-ls --stdio` spawned by us, spoken to over its
 * own stdin and stdout with JSON-RPC. Every wait has a timeout, so a stuck server fails the run instead
 * of hanging it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;
export const SERVER = path.join(ROOT, 'bin', 'cognito-guard-ls.js');
export const CLI = path.join(ROOT, 'bin', 'cognito-guard.js');

/** Every process we start, so that an error or a timeout never leaves one behind. */
export const children = new Set<{ kill(signal?: NodeJS.Signals): boolean; exitCode: number | null }>();

process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Waiter {
  resolve: (receivedAt: number) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export function languageId(file: string): string {
  if (file.endsWith('.tf')) return 'terraform';
  if (file.endsWith('.json')) return 'json';
  return 'yaml';
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export class Server {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly spawnedAt: number;
  stderr = '';
  /** Rejects when the process ends, so nothing waits for a server that is gone. */
  private readonly exited: Promise<never>;
  private stopping = false;
  /** `uri#version` (or `uri#*` for any version) to the promise waiting for its diagnostics. */
  private readonly waiters = new Map<string, Waiter>();

  /** `nodeArgs` go before the script, e.g. `--cpu-prof` when profiling the server. */
  constructor(
    readonly settings: Record<string, unknown>,
    nodeArgs: string[] = [],
  ) {
    this.spawnedAt = performance.now();
    this.proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: 'pipe', cwd: ROOT });
    children.add(this.proc);
    this.exited = new Promise<never>((_, reject) => {
      this.proc.once('exit', (code, signal) => {
        children.delete(this.proc);
        const err = new Error(
          `the language server exited (${signal ?? `code ${code}`}); its stderr: ${this.stderr.slice(-2000)}`,
        );
        if (!this.stopping) for (const w of this.waiters.values()) w.reject(err);
        reject(err);
      });
    });
    this.exited.catch(() => undefined); // only a failure while someone waits
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      const now = performance.now();
      for (const key of [`${p.uri}#${p.version}`, `${p.uri}#*`]) {
        const w = this.waiters.get(key);
        if (!w) continue;
        this.waiters.delete(key);
        clearTimeout(w.timer);
        w.resolve(now);
      }
    });
    this.conn.onNotification('cognitoGuard/status', () => undefined);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  /** The promise, unless the server exits or the time runs out first. */
  private guard<T>(p: Promise<T>, what: string, timeoutMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([p, this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  async initialize(root: string): Promise<void> {
    const rootUri = uriOf(root);
    await this.guard(
      this.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      }),
      'initialize',
      30_000,
    );
    await this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the time (performance.now) the diagnostics of that version arrived. */
  diagnostics(uri: string, version: number | '*', timeoutMs = 120_000): Promise<number> {
    const key = `${uri}#${version}`;
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.exited;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(
          new Error(`no diagnostics for ${key} within ${timeoutMs} ms; server stderr: ${this.stderr.slice(-2000)}`),
        );
      }, timeoutMs);
      this.waiters.set(key, { resolve, reject, timer });
    });
  }

  async open(file: string, text: string): Promise<number> {
    const uri = uriOf(file);
    const wait = this.diagnostics(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: languageId(file), version: 1, text },
    });
    return wait;
  }

  change(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Resident set size in MiB, from /proc/<pid>/status. */
  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (!kb) throw new Error('no VmRSS in /proc status');
    return Number(kb) / 1024;
  }

  /** CPU time the server process has used so far (user and system), in seconds, from /proc. */
  cpuSeconds(): number {
    const stat = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) in parentheses: utime and stime are 14 and 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / CLOCK_TICKS;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve();
        }, 3000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    this.conn.dispose();
    for (const w of this.waiters.values()) clearTimeout(w.timer);
    this.waiters.clear();
  }
}

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Offset to LSP position (UTF-16 code units, which is what JavaScript string offsets are). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
