/**
 * Colours for Terraform without competing with a Terraform extension. The manifest contributes the
 * `terraform` (`.tf`) and `terraform-vars` (`.tfvars`) language ids but no grammar and no language
 * configuration: those come from HashiCorp's extension (or any other) when it is installed. Where none
 * is, the language server colours these files with semantic tokens from its HCL lexer, and the
 * extension sets the comment, bracket and indentation rules itself. If a Terraform extension is
 * installed later, the colours and rules step aside for it.
 */
import * as vscode from 'vscode';

/** The language ids this extension may colour (the server knows the same list: handlers/semanticTokens.ts). */
export const TERRAFORM_LANGUAGES = ['terraform', 'terraform-vars'];

interface Contributes {
  grammars?: ({ language?: unknown } | null)[];
  languages?: ({ id?: unknown; configuration?: unknown } | null)[];
}

/** What an extension's manifest contributes, with lists that are not lists read as empty. */
function contributes(e: vscode.Extension<unknown>): Contributes {
  const c = (e.packageJSON as { contributes?: Record<string, unknown> } | undefined)?.contributes;
  if (!c || typeof c !== 'object') return {};
  return {
    grammars: Array.isArray(c.grammars) ? (c.grammars as Contributes['grammars']) : [],
    languages: Array.isArray(c.languages) ? (c.languages as Contributes['languages']) : [],
  };
}

/** Does an extension other than `self` bring a grammar for `language`? */
export function otherGrammar(self: string, language: string): boolean {
  return vscode.extensions.all.some(
    (e) => e.id !== self && (contributes(e).grammars ?? []).some((g) => g?.language === language),
  );
}

/** Does an extension other than `self` bring a language configuration (comments, brackets) for `language`? */
function otherConfiguration(self: string, language: string): boolean {
  return vscode.extensions.all.some(
    (e) =>
      e.id !== self &&
      (contributes(e).languages ?? []).some((l) => l?.id === language && l.configuration !== undefined),
  );
}

/**
 * Comments, brackets, auto-closing and indentation for HCL, as a Terraform extension would set them
 * (surrounding pairs follow the auto-closing pairs; folding follows indentation).
 */
const HCL_CONFIGURATION: vscode.LanguageConfiguration = {
  comments: { lineComment: '#', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: [vscode.SyntaxTokenType.String, vscode.SyntaxTokenType.Comment] },
    { open: '/*', close: ' */', notIn: [vscode.SyntaxTokenType.String] },
  ],
  indentationRules: {
    increaseIndentPattern: /^.*(\{[^}]*|\[[^\]]*|\([^)]*)$/,
    decreaseIndentPattern: /^\s*[}\])]/,
  },
  wordPattern: /(-?\d*\.\d\w*)|([^`~!@#$%^&*()=+[{\]}\\|;:'",.<>/?\s]+)/,
};

/**
 * Which Terraform languages get our colours, kept current as extensions come and go. `languages` is
 * what the server is asked to colour at start; `colours(id)` is asked before each request.
 */
export class TerraformColours implements vscode.Disposable {
  private readonly configurations = new Map<string, vscode.Disposable>();
  private readonly listener: vscode.Disposable;
  private ours = new Set<string>();

  constructor(private readonly self: string) {
    this.update();
    this.listener = vscode.extensions.onDidChange(() => this.update());
  }

  /** The languages no other extension colours at the moment. */
  get languages(): string[] {
    return [...this.ours];
  }

  colours(languageId: string): boolean {
    return this.ours.has(languageId);
  }

  private update(): void {
    this.ours = new Set(TERRAFORM_LANGUAGES.filter((l) => !otherGrammar(this.self, l)));
    for (const l of TERRAFORM_LANGUAGES) {
      const wanted = !otherConfiguration(this.self, l);
      const set = this.configurations.get(l);
      if (wanted && !set) this.configurations.set(l, vscode.languages.setLanguageConfiguration(l, HCL_CONFIGURATION));
      else if (!wanted && set) {
        set.dispose();
        this.configurations.delete(l);
      }
    }
  }

  dispose(): void {
    this.listener.dispose();
    for (const d of this.configurations.values()) d.dispose();
    this.configurations.clear();
  }
}
