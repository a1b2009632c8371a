/**
 * The language status item ("{} Cognito Guard: 3 clients, 12 ms" beside the language mode): what the
 * server last reported for the active document through `cognitoGuard/status`.
 */
import * as vscode from 'vscode';
import { NotificationType, State, type LanguageClient } from 'vscode-languageclient/node';

/** Sent by the server after each check of a document. */
export interface StatusParams {
  /** The document checked. */
  uri: string;
  /** Whether the document was recognised as a Terraform or CloudFormation template. */
  isTemplate: boolean;
  /** Why it is, or is not, a template ("AWSTemplateFormatVersion", "no Resources section", ...). */
  reason: string;
  /** User pool clients found in it. */
  clients: number;
  /** Findings reported for it. */
  findings: number;
  /** How long the check took, in milliseconds. */
  ms: number;
}

export const STATUS_NOTIFICATION = new NotificationType<StatusParams>('cognitoGuard/status');

export const SHOW_OUTPUT_COMMAND = 'cognitoGuard.showOutput';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Text and detail for one report; exported for tests. */
export function describeStatus(status: StatusParams): { text: string; detail: string } {
  if (!status.isTemplate) {
    return { text: 'Cognito Guard: not a template', detail: status.reason };
  }
  const ms = status.ms < 1 ? '<1' : String(Math.round(status.ms));
  const findings = plural(status.findings, 'finding', 'findings');
  return {
    text: `Cognito Guard: ${plural(status.clients, 'client', 'clients')}, ${ms} ms`,
    detail: status.reason ? `${findings}; ${status.reason}` : findings,
  };
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly disposables: vscode.Disposable[] = [];
  private clientState: State = State.Starting;

  constructor(client: LanguageClient, selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('cognitoGuard.status', selector);
    this.item.name = 'Cognito Guard';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
    this.disposables.push(
      this.item,
      client.onNotification(STATUS_NOTIFICATION, (params) => {
        this.byUri.set(params.uri, params);
        this.update();
      }),
      client.onDidChangeState((e) => {
        this.clientState = e.newState;
        if (e.newState !== State.Running) this.byUri.clear();
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())),
    );
    this.update();
  }

  private update(): void {
    const item = this.item;
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    if (this.clientState === State.Stopped) {
      item.text = 'Cognito Guard: stopped';
      item.detail = 'The language server is not running; see the output.';
      item.severity = vscode.LanguageStatusSeverity.Error;
      return;
    }
    if (this.clientState === State.Starting) {
      item.text = 'Cognito Guard';
      item.detail = 'starting';
      item.busy = true;
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this.byUri.get(uri);
    if (!status) {
      item.text = 'Cognito Guard';
      item.detail = 'not checked yet';
      return;
    }
    const { text, detail } = describeStatus(status);
    item.text = text;
    item.detail = detail;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.byUri.clear();
  }
}
