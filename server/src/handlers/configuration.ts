/** Settings changes and watched files (.cognito-guard.json, tfvars, Terraform files): re-validate open documents. */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../workspace/config';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/session';
import type { Settings } from '../core/settings';

export function registerConfiguration(connection: Connection, session: Session): void {
  connection.onDidChangeConfiguration((params) => {
    // Editors that cannot answer workspace/configuration push the settings here.
    const pushed = (params.settings as { cognitoGuard?: unknown } | null)?.cognitoGuard;
    if (pushed && typeof pushed === 'object') session.pushed = pushed as Partial<Settings>;
    session.settingsChanged();
    session.revalidateAll();
  });
  connection.onDidChangeWatchedFiles((params) => {
    let changed = false;
    const configs: string[] = [];
    for (const c of params.changes) {
      const file = uriToPath(c.uri);
      if (!file) continue;
      if (path.basename(file) === CONFIG_FILE_NAME) {
        configs.push(file);
        changed = true;
      } else if (/\.tfvars(\.json)?$/.test(file)) {
        session.tfvarsChanged(path.dirname(file));
        changed = true;
      } else if (/\.tf(\.json)?$/i.test(file)) {
        session.moduleFilesChanged(path.dirname(file));
        changed = true;
      }
    }
    if (configs.length) session.configFilesChanged(configs);
    if (changed) session.revalidateAll();
  });
}
