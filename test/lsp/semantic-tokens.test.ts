/**
 * Terraform colours through the protocol: the server offers semantic tokens only to a client that
 * names the languages to colour at initialize (the VS Code extension names those no other extension
 * has a grammar for), for those languages only, in the protocol's relative encoding, one token per line.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileUri, LspClient } from './harness';

const TF = `# web\nresource "aws_cognito_user_pool_client" "web" {\n  name = "a\${var.b}"\n  policy = <<EOT\n{}\nEOT\n}\n`;

interface Provider {
  legend: { tokenTypes: string[]; tokenModifiers: string[] };
  full: boolean;
  documentSelector: { language: string }[];
}

/** Decodes the relative encoding into `line:char kind text`. */
function decode(data: number[], types: string[], text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    assert.equal(mods, 0);
    out.push(`${line}:${char} ${types[type]} ${(lines[line] ?? '').slice(char, char + len)}`);
  }
  return out;
}

describe('semantic tokens for Terraform', () => {
  let dir = '';
  let client: LspClient;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-tokens-'));
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are not offered unless the client asks (other editors keep their own colours)', async () => {
    for (const initializationOptions of [undefined, { highlightTerraform: true }, { highlightTerraform: ['yaml'] }]) {
      const c = new LspClient();
      try {
        const result = (await c.initialize({ root: dir, initializationOptions })) as {
          capabilities: Record<string, unknown>;
        };
        assert.equal(result.capabilities.semanticTokensProvider, undefined, JSON.stringify(initializationOptions));
      } finally {
        await c.stop();
      }
    }
  });

  it('colour the languages the client names, one token per line, heredoc lines included', async () => {
    const result = (await client.initialize({
      root: dir,
      initializationOptions: { highlightTerraform: ['terraform-vars', 'terraform'] },
    })) as { capabilities: { semanticTokensProvider?: Provider } };
    const provider = result.capabilities.semanticTokensProvider;
    assert.ok(provider, 'a semantic tokens provider');
    assert.equal(provider.full, true);
    assert.deepEqual(provider.documentSelector, [{ language: 'terraform' }, { language: 'terraform-vars' }]);
    const types = provider.legend.tokenTypes;
    const uri = fileUri(dir, 'main.tf');
    await client.open(uri, 'terraform', TF);
    const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri },
    });
    assert.deepEqual(decode(tokens.data, types, TF), [
      '0:0 comment # web',
      '1:0 keyword resource',
      '1:9 type "aws_cognito_user_pool_client"',
      '1:40 type "web"',
      '2:2 property name',
      '2:7 operator =',
      '2:9 string "a',
      '2:11 keyword ${',
      '2:13 variable var',
      '2:17 property b',
      '2:18 keyword }',
      '2:19 string "',
      '3:2 property policy',
      '3:9 operator =',
      '3:11 keyword <<EOT',
      '4:0 string {}',
      '5:0 keyword EOT',
    ]);

    const vars = fileUri(dir, 'dev.tfvars');
    const varsText = 'env = "dev" # stage\n';
    await client.open(vars, 'terraform-vars', varsText);
    const v = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri: vars },
    });
    assert.deepEqual(decode(v.data, types, varsText), [
      '0:0 property env',
      '0:4 operator =',
      '0:6 string "dev"',
      '0:12 comment # stage',
    ]);
  });
});
