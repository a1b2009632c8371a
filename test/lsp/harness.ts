/**
 * A real JSON-RPC client for the real server process over stdio. Tests wait for messages (with a
 * timeout), never for time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'bin', 'cognito-guard-ls.js');

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  source: string;
  code: string;
  codeDescription?: { href: string };
  message: string;
  data?: unknown;
  relatedInformation?: Array<{ location: { uri: string; range: Diag['range'] }; message: string }>;
}

interface Waiter<T> {
  pred: (v: T) => boolean;
  resolve: (v: T) => void;
}

export interface ShownMessage {
  type: number;
  message: string;
  actions?: Array<{ title: string }>;
}

export class LspClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcessWithoutNullStreams;
  settings: Record<string, unknown> = {};
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private readonly diagWaiters: Array<Waiter<{ uri: string; version?: number; diagnostics: Diag[] }>> = [];
  readonly statuses: Array<Record<string, unknown>> = [];
  private readonly statusWaiters: Array<Waiter<Record<string, unknown>>> = [];
  readonly versions = new Map<string, number>();
  stderr = '';
  /** `window/logMessage` notifications (type 1 error, 2 warning, 3 info, 4 log). */
  readonly logs: Array<{ type: number; message: string }> = [];
  /** `window/showMessage` notifications and `window/showMessageRequest` requests, in order. */
  readonly shown: ShownMessage[] = [];
  /** Notifications no other handler took. */
  readonly other: Array<{ method: string; params: unknown }> = [];
  /** How a `window/showMessageRequest` is answered (by default: dismissed). */
  answer: (p: ShownMessage) => { title: string } | null = () => null;
  /** `workspace/applyEdit` requests from the server, in order. */
  readonly applyEdits: Array<{ label?: string; edit: unknown }> = [];
  /** How a `workspace/applyEdit` is answered (by default: applied). */
  applyEditAnswer: () => { applied: boolean; failureReason?: string } = () => ({ applied: true });
  private readonly watchers: Array<() => void> = [];

  constructor(env: NodeJS.ProcessEnv = process.env, args: string[] = ['--stdio']) {
    this.proc = spawn(process.execPath, [SERVER, ...args], { env, stdio: 'pipe' });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
        this.diagnostics.set(p.uri, {
          ...(p.version !== undefined ? { version: p.version } : {}),
          diagnostics: p.diagnostics,
        });
        for (const w of [...this.diagWaiters]) {
          if (w.pred(p)) {
            this.diagWaiters.splice(this.diagWaiters.indexOf(w), 1);
            w.resolve(p);
          }
        }
      },
    );
    this.conn.onNotification('cognitoGuard/status', (p: Record<string, unknown>) => {
      this.statuses.push(p);
      for (const w of [...this.statusWaiters]) {
        if (w.pred(p)) {
          this.statusWaiters.splice(this.statusWaiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.notify();
    });
    this.conn.onNotification('window/showMessage', (p: ShownMessage) => {
      this.shown.push(p);
      this.notify();
    });
    this.conn.onRequest('window/showMessageRequest', (p: ShownMessage) => {
      this.shown.push(p);
      this.notify();
      return this.answer(p);
    });
    this.conn.onNotification((method: string, params: unknown) => {
      this.other.push({ method, params });
      this.notify();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/applyEdit', (p: { label?: string; edit: unknown }) => {
      this.applyEdits.push(p);
      this.notify();
      return this.applyEditAnswer();
    });
    this.conn.listen();
  }

  async initialize(
    opts: { markdown?: boolean; root?: string; configuration?: boolean; initializationOptions?: unknown } = {},
  ): Promise<Record<string, unknown>> {
    const root = opts.root ?? ROOT;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }],
      ...(opts.initializationOptions !== undefined ? { initializationOptions: opts.initializationOptions } : {}),
      capabilities: {
        workspace: {
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          configuration: opts.configuration !== false,
          didChangeConfiguration: { dynamicRegistration: opts.configuration !== false },
        },
        textDocument: {
          hover: { contentFormat: opts.markdown === false ? ['plaintext'] : ['markdown', 'plaintext'] },
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result as Record<string, unknown>;
  }

  /** Waits for the next diagnostics of a document that satisfy `pred`. */
  nextDiagnostics(uri: string, pred: (d: Diag[]) => boolean = () => true, timeoutMs = 10000): Promise<Diag[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.diagWaiters.push({
        pred: (p) => p.uri === uri && pred(p.diagnostics),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  /** Resolves once `pred` holds (checked now and after every message, log or notification). */
  until(pred: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pred()) return;
        this.watchers.splice(this.watchers.indexOf(check), 1);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.splice(this.watchers.indexOf(check), 1);
        reject(new Error(`${what}: not within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.watchers.push(check);
    });
  }

  nextStatus(uri: string, timeoutMs = 10000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no status for ${uri}`)), timeoutMs);
      this.statusWaiters.push({
        pred: (p) => p.uri === uri,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async open(uri: string, languageId: string, text: string): Promise<Diag[]> {
    const wait = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return wait;
  }

  /** Sends a change with the given edits (LSP ranges) and returns the next diagnostics. */
  async change(
    uri: string,
    edits: Array<{ range: Diag['range']; newText: string }>,
    pred?: (d: Diag[]) => boolean,
  ): Promise<Diag[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const wait = this.nextDiagnostics(uri, pred);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return wait;
  }

  /**
   * Sends a request and waits for its answer; fails (with the server's stderr) if none comes within
   * `timeoutMs` or the server exits first, so a server that dies cannot leave a test waiting forever.
   */
  request<T>(method: string, params?: unknown, timeoutMs = 30000): Promise<T> {
    return this.answered(this.conn.sendRequest(method, params) as Promise<T>, method, timeoutMs);
  }

  private answered<T>(p: Promise<T>, what: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.proc.off('exit', onExit);
        f();
      };
      const fail = (why: string): void => settle(() => reject(new Error(`${what}: ${why}; stderr: ${this.stderr}`)));
      const onExit = (code: number | null, signal: string | null): void =>
        fail(`the server exited (code ${code}, signal ${signal}) before answering`);
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      this.proc.once('exit', onExit);
      p.then(
        (v) => settle(() => resolve(v)),
        (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))),
      );
      if (this.proc.exitCode !== null || this.proc.signalCode !== null)
        onExit(this.proc.exitCode, this.proc.signalCode);
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
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
  }
}

export function fileUri(...parts: string[]): string {
  return pathToFileURL(path.join(...parts)).toString();
}

/** Applies LSP text edits (ranges in the given text) and returns the new text. */
export function applyLspEdits(text: string, edits: Array<{ range: Diag['range']; newText: string }>): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
