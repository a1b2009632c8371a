/**
 * Extension entry: starts the language server, the status item and the commands. Nothing else happens
 * on activation (no workspace scan, no change to any setting).
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_NAME, OPEN_SETTINGS, createClient, documentSelector } from './client';
import { registerCommands } from './commands';
import { TerraformColours } from './highlight';
import { SHOW_OUTPUT_COMMAND, StatusItem } from './status';

export const RESTART_COMMAND = 'cognitoGuard.restartServer';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const colours = new TerraformColours(context.extension.id);
  context.subscriptions.push(colours);
  const languageClient = createClient(context, output, colours);
  client = languageClient;
  context.subscriptions.push(
    new StatusItem(languageClient, documentSelector),
    ...registerCommands(context, languageClient, output),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      output.info('Restarting the language server.');
      try {
        await languageClient.restart();
      } catch (error) {
        reportStartFailure(output, error);
      }
    }),
  );
  context.subscriptions.push(
    languageClient.onNotification(OPEN_SETTINGS, (params: { query?: unknown }) => {
      const query = typeof params?.query === 'string' ? params.query : CLIENT_NAME;
      void vscode.commands.executeCommand('workbench.action.openSettings', query);
    }),
  );
  try {
    await languageClient.start();
  } catch (error) {
    reportStartFailure(output, error);
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}

function reportStartFailure(output: vscode.LogOutputChannel, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  output.error(`The language server could not start: ${message}`);
  void vscode.window
    .showErrorMessage(`Cognito Guard could not start its language server: ${message}`, 'Show Output')
    .then((choice) => {
      if (choice) output.show(true);
    });
}
