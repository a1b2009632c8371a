/**
 * The language server: connection and wiring only. `cognito-guard-ls --stdio` for any editor; VS Code
 * starts it over IPC. Every feature lives in a handler; the engine knows nothing of the protocol.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions, FIX_ALL_KIND } from './handlers/codeAction';
import { APPLY_FIX_ALL, registerCommands } from './handlers/commands';
import { registerCompletion } from './handlers/completion';
import { registerConfiguration } from './handlers/configuration';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerHover } from './handlers/hover';
import { HIGHLIGHT_LANGUAGES, registerSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './handlers/semanticTokens';
import { markupKind } from './lsp/convert';
import { SETTINGS_SECTION, type Settings } from './core/settings';
import { Session } from './lsp/session';
import { version } from './workspace/version';

export function startServer(): void {
  const connection = createConnection();
  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents);
  let hoverKind: MarkupKind = MarkupKind.Markdown;
  let completionKind: MarkupKind = MarkupKind.Markdown;
  let dynamicConfiguration = false;
  let dynamicWatchers = false;
  let workspaceFolderEvents = false;

  connection.onInitialize((params): InitializeResult => {
    // the first line of the output: which server this is, where it was loaded from, and on which Node
    connection.console.info(`Cognito Guard language server ${version()} (${__filename}) on Node ${process.version}`);
    const caps = params.capabilities;
    session.configurationSupport = !!caps.workspace?.configuration;
    dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    hoverKind = markupKind(caps.textDocument?.hover?.contentFormat);
    completionKind = markupKind(caps.textDocument?.completion?.completionItem?.documentationFormat);
    session.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    const options = params.initializationOptions as
      | {
          settings?: { cognitoGuard?: unknown };
          openSettings?: unknown;
          showRuleDocs?: unknown;
          highlightTerraform?: unknown;
        }
      | undefined;
    session.canOpenSettings = options?.openSettings === true;
    session.canShowRuleDocs = options?.showRuleDocs === true;
    const initial = options?.settings?.cognitoGuard;
    if (initial && typeof initial === 'object') session.pushed = initial as Partial<Settings>;
    // colours for Terraform languages the client names (those with no grammar in the editor)
    const highlight = Array.isArray(options?.highlightTerraform)
      ? HIGHLIGHT_LANGUAGES.filter((l) => (options.highlightTerraform as unknown[]).includes(l))
      : [];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ' ', '-', '='], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [APPLY_FIX_ALL] },
        ...(highlight.length && {
          semanticTokensProvider: {
            legend: SEMANTIC_TOKENS_LEGEND,
            full: true,
            documentSelector: highlight.map((language) => ({ language })),
          },
        }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cognito-guard', version: version() },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (dynamicWatchers) {
      // editors other than VS Code learn here which files to watch for us
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: ['**/.cognito-guard.json', '**/*.tfvars', '**/*.tfvars.json', '**/*.tf', '**/*.tf.json'].map(
          (globPattern) => ({ globPattern }),
        ),
      });
    }
    if (session.folders.length && workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        session.folders = session.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        session.configFilesChanged([]);
        session.revalidateAll();
      });
    }
  });

  registerDiagnostics(session, documents);
  registerHover(connection, session, documents, () => hoverKind);
  registerCompletion(connection, session, documents, () => completionKind);
  registerCodeActions(connection, session, documents);
  registerCommands(connection, session, documents);
  registerConfiguration(connection, session);
  registerSemanticTokens(connection, documents);

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
