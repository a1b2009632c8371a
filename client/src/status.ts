/**
 * The language status item ("{} Cognito Guard: 3 clients, 12 ms" beside the language mode): what the
 * server last reported for the active document through `cognitoGuard/status`. It is shown only on
 * templates (and while the server starts or after it stopped): package.json, settings files and other
 * YAML or JSON get none. With `cognitoGuard.enable` false it says "off".
 */
import * as vscode from 'vscode';
import { NotificationType, State, type LanguageClient } from 'vscode-languageclient/node';

/** Sent by the server after each check of a document. */
export interface StatusParams {
  /** The document checked. */
  uri: string;
  /** False when `cognitoGuard.enable` is off (nothing was checked; `isTemplate` is then a quick guess). */
  enabled?: boolean;
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

/** Context key: the active editor holds a template Cognito Guard checks (menus use it in `when`). */
export const TEMPLATE_CONTEXT = 'cognitoGuard.activeIsTemplate';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Text and detail for one report; exported for tests. */
export function describeStatus(status: StatusParams): { text: string; detail: string } {
  if (status.enabled === false) {
    return { text: 'Cognito Guard: off', detail: 'cognitoGuard.enable is false: nothing is checked' };
  }
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

/** Whether a report earns a status entry: templates only. */
export function showsStatus(status: StatusParams | undefined): boolean {
  return status?.isTemplate === true;
}

export class StatusItem implements vscode.Disposable {
  /** Created while there is something to show, disposed otherwise (an item cannot be hidden). */
  private item: vscode.LanguageStatusItem | undefined;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly disposables: vscode.Disposable[] = [];
  private clientState: State = State.Starting;
  private activeIsTemplate = false;

  constructor(
    client: LanguageClient,
    private readonly selector: vscode.DocumentSelector,
  ) {
    this.disposables.push(
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

  private show(): vscode.LanguageStatusItem {
    if (!this.item) {
      this.item = vscode.languages.createLanguageStatusItem('cognitoGuard.status', this.selector);
      this.item.name = 'Cognito Guard';
      this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
    }
    return this.item;
  }

  private hide(): void {
    this.item?.dispose();
    this.item = undefined;
  }

  private update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this.byUri.get(uri);
    this.setTemplateContext(status);
    if (this.clientState === State.Stopped) {
      const item = this.show();
      item.busy = false;
      item.text = 'Cognito Guard: stopped';
      item.detail = 'The language server is not running; see the output.';
      item.severity = vscode.LanguageStatusSeverity.Error;
      return;
    }
    if (this.clientState === State.Starting) {
      const item = this.show();
      item.text = 'Cognito Guard';
      item.detail = 'starting';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.busy = true;
      return;
    }
    if (!status || !showsStatus(status)) {
      this.hide();
      return;
    }
    const item = this.show();
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    const { text, detail } = describeStatus(status);
    item.text = text;
    item.detail = detail;
  }

  /** Keeps TEMPLATE_CONTEXT in step with the active editor (set only when it changes). */
  private setTemplateContext(status: StatusParams | undefined): void {
    const now = this.clientState === State.Running && showsStatus(status) && status?.enabled !== false;
    if (now === this.activeIsTemplate) return;
    this.activeIsTemplate = now;
    void vscode.commands.executeCommand('setContext', TEMPLATE_CONTEXT, now);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.hide();
    this.byUri.clear();
  }
}
