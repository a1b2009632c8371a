// The layers of cognito-guard and what each may import (docs/design/architecture.md explains them).
// `npm run lint` runs this: an import cycle, or an import that runs against the layers, fails it.
//
//   core  <-  catalog  <-  parse, rules  <-  engine  <-  workspace  <-  cli, lsp/handlers/server
//   core  <-  fixes (writers)  <-  engine
//
// Each layer may import the layers to its left and itself, nothing to its right.
const S = '^server/src/';

/** A layer may import only these folders (its own included). */
function only(name, from, allowed) {
  return {
    name,
    severity: 'error',
    comment: `${from} may import only ${allowed.join(', ')} (see docs/design/architecture.md)`,
    from: { path: `${S}(${from})` },
    to: { path: `${S}`, pathNot: `${S}(${allowed.join('|')})` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports point one way: a cycle means two modules belong together or a layer is crossed.',
      from: {},
      to: { circular: true },
    },
    only('core-is-a-leaf', 'core/', ['core/']),
    only('catalog', 'catalog/', ['core/', 'catalog/']),
    only('parse', 'parse/', ['core/', 'catalog/', 'parse/']),
    only('rules', 'rules/', ['core/', 'catalog/', 'rules/']),
    only('fixes', 'fixes/', ['core/', 'fixes/']),
    only('engine', 'engine/', ['core/', 'catalog/', 'parse/', 'rules/', 'fixes/', 'engine/']),
    only('workspace', 'workspace/', ['core/', 'catalog/', 'parse/', 'rules/', 'engine/', 'workspace/']),
    {
      name: 'cli-is-not-the-server',
      severity: 'error',
      comment: 'The command line and the language server are two doors onto the engine; neither uses the other.',
      from: { path: `${S}(cli\\.ts|cli/)` },
      to: { path: `${S}(lsp/|handlers/|server\\.ts)` },
    },
    {
      name: 'server-is-not-the-cli',
      severity: 'error',
      comment: 'The command line and the language server are two doors onto the engine; neither uses the other.',
      from: { path: `${S}(lsp/|handlers/|server\\.ts)` },
      to: { path: `${S}(cli\\.ts|cli/)` },
    },
    {
      name: 'protocol-at-the-edge',
      severity: 'error',
      comment: 'Only the language server (lsp/, handlers/, server.ts) speaks the protocol.',
      from: { path: S, pathNot: `${S}(lsp/|handlers/|server\\.ts)` },
      to: { path: 'node_modules/vscode-languageserver' },
    },
    {
      name: 'pure-engine',
      severity: 'error',
      comment: 'The engine takes text and returns findings: no files, processes or network below workspace/.',
      from: { path: `${S}(core|catalog|parse|rules|fixes|engine)/` },
      to: { dependencyTypes: ['core'], path: '^(fs|child_process|net|http|https|worker_threads|dgram|tls)$' },
    },
    {
      name: 'client-uses-no-server-code',
      severity: 'error',
      comment: 'The extension bundles its own code; it shares only the settings module with the server.',
      from: { path: '^client/src/' },
      to: { path: S, pathNot: `${S}core/settings\\.ts$` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|test/fixtures)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
