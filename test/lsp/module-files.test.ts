/**
 * The server over stdio with a Terraform folder of several files: a value in main.tf set by a default in
 * variables.tf follows edits of variables.tf (open or on disk), and only the folder's own files count.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, type Diag } from './harness';

const MAIN = `resource "aws_cognito_user_pool_client" "web" {
  name                = "web"
  user_pool_id        = "us-east-1_abc"
  explicit_auth_flows = var.flows
}
`;
const PASSWORD = `variable "flows" {
  default = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}
`;
const SRP = `variable "flows" {
  default = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}
`;

const has = (d: Diag[]): boolean => d.some((x) => x.code === 'CG104');

describe('language server: the files of a Terraform folder', () => {
  let dir = '';
  let client: LspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-module-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'app', 'main.tf'), MAIN);
    fs.writeFileSync(path.join(dir, 'app', 'variables.tf'), PASSWORD);
    fs.writeFileSync(path.join(dir, 'elsewhere', 'variables.tf'), SRP);
    client = new LspClient();
    client.settings = { debounceMs: 0 };
    await client.initialize({ root: dir });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a finding in main.tf comes and goes as variables.tf is edited, closed and changed on disk', async () => {
    const main = fileUri(dir, 'app', 'main.tf');
    const vars = fileUri(dir, 'app', 'variables.tf');
    const first = await client.open(main, 'terraform', MAIN);
    assert.ok(has(first), 'the default on disk in variables.tf is followed');
    assert.match(first.find((x) => x.code === 'CG104')?.message ?? '', /variables\.tf/);

    await client.open(vars, 'terraform', PASSWORD);
    // typing in variables.tf: main.tf is checked again with the editor's text
    const gone = client.nextDiagnostics(main, (d) => !has(d));
    await client.change(vars, [
      {
        range: { start: { line: 1, character: 15 }, end: { line: 1, character: 39 } },
        newText: '"ALLOW_USER_SRP_AUTH"',
      },
    ]);
    await gone;

    // closing variables.tf without saving: the disk's text counts again
    const back = client.nextDiagnostics(main, has);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: vars } });
    await back;

    // the file changes on disk (another tool, a git checkout): the watcher says so
    fs.writeFileSync(path.join(dir, 'app', 'variables.tf'), SRP);
    const again = client.nextDiagnostics(main, (d) => !has(d));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: vars, type: 2 }] });
    await again;
  });

  it('only the files of its own folder count, open or not', async () => {
    const main = fileUri(dir, 'app', 'main.tf');
    // another folder's open variables.tf with the password flow, and this folder's on disk without it
    await client.open(fileUri(dir, 'elsewhere', 'variables.tf'), 'terraform', PASSWORD);
    fs.writeFileSync(path.join(dir, 'app', 'variables.tf'), SRP);
    const d = client.nextDiagnostics(main);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(dir, 'app', 'variables.tf'), type: 2 }],
    });
    assert.ok(!has(await d), 'the other folder is not part of this module');
  });

  it('a module call: the finding at the caller follows edits of the module file, with the client related', async () => {
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'auth'), { recursive: true });
    const moduleText = `variable "flows" {}\n${MAIN}`;
    fs.writeFileSync(path.join(root, 'auth', 'main.tf'), moduleText);
    const caller = `module "auth" {\n  source = "./auth"\n  flows  = ["ALLOW_USER_PASSWORD_AUTH"]\n}\n`;
    const callerUri = fileUri(root, 'main.tf');
    const moduleUri = fileUri(root, 'auth', 'main.tf');
    const first = await client.open(callerUri, 'terraform', caller);
    const pw = first.find((x) => x.code === 'CG104');
    assert.ok(pw, JSON.stringify(first));
    assert.equal(pw.range.start.line, 2);
    const related = (pw as unknown as { relatedInformation?: { location: { uri: string; range: Diag['range'] } }[] })
      .relatedInformation;
    assert.equal(related?.[0]?.location.uri, moduleUri);
    assert.equal(related?.[0]?.location.range.start.line, 1);

    await client.open(moduleUri, 'terraform', moduleText);
    // the module stops using the caller's flows: the caller's finding goes, without touching the caller
    const gone = client.nextDiagnostics(callerUri, (d) => !has(d));
    await client.change(moduleUri, [
      {
        range: { start: { line: 4, character: 24 }, end: { line: 4, character: 33 } },
        newText: '["ALLOW_USER_SRP_AUTH"]',
      },
    ]);
    await gone;
    // and comes back when the module uses them again
    const back = client.nextDiagnostics(callerUri, has);
    await client.change(moduleUri, [
      { range: { start: { line: 4, character: 24 }, end: { line: 4, character: 47 } }, newText: 'var.flows' },
    ]);
    await back;
  });

  it("a finding in the module file that the caller's values bring out follows edits of the caller", async () => {
    const root = path.join(dir, 'reverse');
    fs.mkdirSync(path.join(root, 'site'), { recursive: true });
    // the module leaves the OAuth switch to its caller and lists no identity provider
    const moduleText = `variable "hosted_ui" {
  type = bool
}
resource "aws_cognito_user_pool_client" "c" {
  name                                 = "c"
  user_pool_id                         = "us-east-1_abc"
  allowed_oauth_flows_user_pool_client = var.hosted_ui
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["https://app.example.com/cb"]
}
`;
    const caller = `module "site" {\n  source    = "./site"\n  hosted_ui = true\n}\n`;
    fs.writeFileSync(path.join(root, 'main.tf'), caller);
    fs.writeFileSync(path.join(root, 'site', 'main.tf'), moduleText);
    const moduleUri = fileUri(root, 'site', 'main.tf');
    const callerUri = fileUri(root, 'main.tf');
    const noIdp = (d: Diag[]): Diag | undefined => d.find((x) => x.code === 'CG207');
    // the editor's watcher reports the new files (the workspace folder was looked through before)
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: callerUri, type: 1 },
        { uri: moduleUri, type: 1 },
      ],
    });
    // the caller is not open: it is found in the workspace folder
    const first = await client.open(moduleUri, 'terraform', moduleText);
    const f = noIdp(first);
    assert.ok(f, JSON.stringify(first.map((x) => x.code)));
    assert.match(f.message, /with the values of module\.site in main\.tf/);
    assert.equal(f.range.start.line, 3, 'at the client, in the module file');
    const related = (f as unknown as { relatedInformation?: { location: { uri: string; range: Diag['range'] } }[] })
      .relatedInformation;
    assert.equal(related?.[0]?.location.uri, callerUri);
    assert.equal(related?.[0]?.location.range.start.line, 0);
    // typing in the caller: OAuth off there, so the module file's finding goes, and comes back
    await client.open(callerUri, 'terraform', caller);
    const gone = client.nextDiagnostics(moduleUri, (d) => !noIdp(d));
    await client.change(callerUri, [
      { range: { start: { line: 2, character: 14 }, end: { line: 2, character: 18 } }, newText: 'false' },
    ]);
    await gone;
    const back = client.nextDiagnostics(moduleUri, (d) => !!noIdp(d));
    await client.change(callerUri, [
      { range: { start: { line: 2, character: 14 }, end: { line: 2, character: 19 } }, newText: 'true' },
    ]);
    await back;
  });

  it('variable files named in the settings are read after terraform.tfvars, in order', async () => {
    const root = path.join(dir, 'vars');
    fs.mkdirSync(path.join(root, 'env'), { recursive: true });
    const text = `variable "days" {\n  default = 7\n}\nresource "aws_cognito_user_pool_client" "web" {\n  name                   = "web"\n  user_pool_id           = "us-east-1_abc"\n  refresh_token_validity = var.days\n}\n`;
    fs.writeFileSync(path.join(root, 'main.tf'), text);
    fs.writeFileSync(path.join(root, 'env', 'prod.tfvars'), 'days = 3650\n');
    const uri = fileUri(root, 'main.tf');
    const long = (d: Diag[]): boolean => d.some((x) => x.code === 'CG107');
    assert.ok(!long(await client.open(uri, 'terraform', text)));
    const seen = client.nextDiagnostics(uri, long);
    client.settings = { debounceMs: 0, terraformVarFiles: ['vars/env/prod.tfvars', 'vars/env/missing.tfvars'] };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const d = await seen;
    assert.match(d.find((x) => x.code === 'CG107')?.message ?? '', /prod\.tfvars/);
    client.settings = { debounceMs: 0 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });
});
