/**
 * The language client: how the server is started, which documents it sees, which files it hears about,
 * and a middleware that keeps its code actions to its own diagnostics.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS, SETTINGS_SECTION } from '../../server/src/core/settings';
import type { TerraformColours } from './highlight';

/**
 * The id doubles as the settings section (shared with the server in core/settings.ts): the client reads
 * `cognitoGuard.trace.server` by itself.
 */
export const CLIENT_ID = SETTINGS_SECTION;
export const CLIENT_NAME = 'Cognito Guard';
/** `Diagnostic.source` of every finding the server reports. */
export const DIAGNOSTIC_SOURCE = 'cognito-guard';
/** The bundled server, relative to the extension root (made by scripts/build.mjs). */
export const SERVER_MODULE = 'dist/server.js';

/**
 * Documents the server checks. Language ids cover the usual case; the file patterns cover templates
 * whose language id belongs to another extension (a `cloudformation` or `yaml` mode of its own,
 * `.template` files, `jsonc`), so that another extension cannot hide a template from us. The server
 * decides on the parsed text whether a document is a template at all.
 */
export const documentSelector: ({ language: string } | { scheme: 'file'; pattern: string })[] = [
  { language: 'terraform' },
  // only coloured (handlers/semanticTokens.ts), never checked: variable files hold no clients
  { language: 'terraform-vars' },
  { language: 'yaml' },
  { language: 'json' },
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', pattern: '**/*.{yaml,yml}' },
  { scheme: 'file', pattern: '**/*.json' },
  { scheme: 'file', pattern: '**/*.template' },
];

/** From the server: open the settings UI at `{ query }` (server/src/lsp/session.ts sends it). */
export const OPEN_SETTINGS = 'cognitoGuard/openSettings';

/** Files that change findings without being open: the configuration file and Terraform variables. */
export const WATCHED_FILES = '**/{.cognito-guard.json,*.tfvars,*.tfvars.json,*.tf,*.tf.json}';

function isOurs(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE;
}

/**
 * Sends only our own diagnostics to the server with a code action request, and drops any returned
 * quick fix that claims to fix someone else's diagnostic. Actions without diagnostics (fix all, source
 * actions) and plain commands pass through untouched.
 */
export const codeActionMiddleware: Middleware = {
  async provideCodeActions(document, range, context, token, next) {
    const ours = context.diagnostics.filter(isOurs);
    const narrowed: vscode.CodeActionContext = {
      diagnostics: ours,
      only: context.only,
      triggerKind: context.triggerKind,
    };
    const actions = await next(document, range, narrowed, token);
    if (!actions) return actions;
    return actions.filter(fixesOnlyOurs);
  },
};

/** A plain command, or a code action all of whose diagnostics (if any) are ours. */
function fixesOnlyOurs(action: vscode.Command | vscode.CodeAction): boolean {
  if (typeof action.command === 'string') return true;
  return (action as vscode.CodeAction).diagnostics?.every(isOurs) ?? true;
}

/**
 * Semantic tokens only for a language no other extension colours now: one that brings a grammar after
 * the server started gets no tokens from us (VS Code then shows the grammar's colours alone).
 */
export function coloursMiddleware(colours: TerraformColours): Middleware {
  return {
    provideDocumentSemanticTokens(document, token, next) {
      return colours.colours(document.languageId) ? next(document, token) : null;
    },
  };
}

export function createClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  colours: TerraformColours,
): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] },
    },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    // Settings: the server pulls `cognitoGuard` with workspace/configuration and registers for
    // workspace/didChangeConfiguration itself, so no configurationSection here (it would double the notifications).
    synchronize: { fileEvents: watcher },
    // the server may then offer "Open Settings" with a settings problem (and send OPEN_SETTINGS), and
    // "Show documentation for CGxxx" code actions that run cognitoGuard.showRuleDocs (commands.ts), and
    // colours Terraform where no other extension does (highlight.ts)
    // (a function: a restart asks again, for the extensions installed by then)
    initializationOptions: () => ({ openSettings: true, showRuleDocs: true, highlightTerraform: colours.languages }),
    middleware: { ...codeActionMiddleware, ...coloursMiddleware(colours) },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
