/**
 * Writes the benchmark inputs into bench/generated/ (git-ignored), the same bytes on every run:
 * ~100 KB templates in each dialect, 2,000- and 10,000-line templates (CloudFormation YAML and
 * Terraform), a small template, 50 distinct ~100 KB documents for the memory test, and a repository of
 * 1,000 small files (templates with and without app clients, tfvars, and files that are not templates).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './rng';
import { type Dialect, EXT, render } from './units';

export const BENCH_DIR = path.resolve(__dirname, '..', '..', 'bench');
export const GENERATED = path.join(BENCH_DIR, 'generated');

export interface Generated {
  /** ~100 KB, one per dialect. */
  sized: Record<Dialect, string>;
  /** Exactly 2,000 and 10,000 lines. */
  lines: {
    yaml2000: string;
    yaml10000: string;
    tf2000: string;
    tf10000: string;
    json2000: string;
    json10000: string;
    sls2000: string;
    sls10000: string;
  };
  small: string;
  rssDocs: string[];
  repo: string;
  repoFiles: number;
}

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The number of services whose text is nearest to `bytes`. */
export function sizedText(dialect: Dialect, seed: number, bytes: number): string {
  const one = render(dialect, seed, 3).length / 3;
  let n = Math.max(1, Math.floor(bytes / one) - 2);
  let below = render(dialect, seed, n);
  let text = below;
  while (text.length < bytes) {
    below = text;
    text = render(dialect, seed, ++n);
  }
  return bytes - below.length < text.length - bytes ? below : text;
}

/** A CloudFormation YAML template as a Serverless Framework service: its sections under `resources`. */
export function serverlessOf(yaml: string): string {
  const body = yaml
    .split('\n')
    .filter((l) => !/^(AWSTemplateFormatVersion|Description):/.test(l))
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
  return `service: platform\nframeworkVersion: "3"\n\nprovider:\n  name: aws\n  stage: prod\n  region: eu-west-1\n\nresources:\n${body.replace(/^\n+/, '')}`;
}

type LinesDialect = 'yaml' | 'tf' | 'cfn-json' | 'serverless';

function renderLines(dialect: LinesDialect, seed: number, n: number): string {
  return dialect === 'serverless' ? serverlessOf(render('yaml', seed, n)) : render(dialect, seed, n);
}

/**
 * The most services that fit in `lines`, then lines up to exactly `lines`: comments in YAML and HCL, empty
 * lines (whitespace) at the end of JSON.
 */
export function linesText(dialect: LinesDialect, seed: number, lines: number): string {
  const per = lineCount(renderLines(dialect, seed, 6)) / 6;
  let n = Math.max(1, Math.floor(lines / per) + 2);
  let text = renderLines(dialect, seed, n);
  while (n > 1 && lineCount(text) > lines) text = renderLines(dialect, seed, --n);
  const missing = lines - lineCount(text);
  if (missing > 0) {
    if (dialect === 'cfn-json') return text + '\n'.repeat(missing);
    const pad = ['', `# Services reserved for the next release (${n} services above).`];
    for (let i = pad.length; i < missing; i++) pad.push(`#   slot ${i - 1}: not yet provisioned`);
    text += pad.slice(0, missing).join('\n') + '\n';
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The repository of 1,000 files

function readme(name: string, rng: Rng): string {
  const paras = [
    `# ${name}`,
    '',
    `Service ${name}: owned by team ${rng.pick(['identity', 'checkout', 'growth', 'platform', 'data'])}.`,
    '',
    '## Deploy',
    '',
    '```sh',
    rng.chance(0.5) ? 'terraform init && terraform apply' : 'sam build && sam deploy --guided',
    '```',
    '',
    'Tokens are short-lived; see the security guide before changing the app client settings.',
  ];
  return paras.join('\n') + '\n';
}

function packageJson(name: string, rng: Rng): string {
  return (
    JSON.stringify(
      {
        name: `@example/${name}`,
        version: `1.${rng.int(20)}.${rng.int(10)}`,
        private: true,
        scripts: { build: 'tsc -p .', test: 'node --test', deploy: 'cdk deploy' },
        dependencies: { '@aws-sdk/client-cognito-identity-provider': '^3.600.0', zod: '^3.23.0' },
        devDependencies: { typescript: '^5.5.0', '@types/aws-lambda': '^8.10.140' },
      },
      null,
      2,
    ) + '\n'
  );
}

/** JavaScript, not TypeScript: the root tsconfig compiles every .ts file under bench/. */
function handlerJs(name: string): string {
  return [
    "'use strict';",
    '',
    `// ${name}: adds the tenant to the ID token`,
    'exports.handler = async (event) => {',
    "  const tenant = event.request.userAttributes['custom:tenant_id'] ?? '';",
    '  event.response.claimsOverrideDetails = { claimsToAddOrOverride: { tenant } };',
    '  return event;',
    '};',
    '',
  ].join('\n');
}

function workflow(name: string): string {
  return [
    `name: deploy ${name}`,
    'on:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '      contents: read',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: aws-actions/configure-aws-credentials@v4',
    '        with:',
    '          role-to-assume: arn:aws:iam::123456789012:role/deploy',
    '          aws-region: eu-west-1',
    '      - run: npm ci && npm run build',
    '      - run: npx cognito-guard --fail-on warning infra',
    '',
  ].join('\n');
}

function compose(name: string): string {
  return [
    'services:',
    `  ${name}:`,
    '    build: .',
    '    ports: ["8080:8080"]',
    '    environment:',
    '      COGNITO_USER_POOL_ID: eu-west-1_example',
    '      COGNITO_CLIENT_ID: 1example23456789',
    '      PREVENT_USER_EXISTENCE_ERRORS: LEGACY',
    '  localstack:',
    '    image: localstack/localstack:3',
    '',
  ].join('\n');
}

function settingsYaml(name: string, rng: Rng): string {
  const lines = [`service: ${name}`, 'logging:', `  level: ${rng.pick(['info', 'debug', 'warn'])}`, 'features:'];
  for (let i = 0; i < rng.between(3, 12); i++) lines.push(`  flag_${i}: ${rng.chance(0.5)}`);
  return lines.join('\n') + '\n';
}

function openapi(name: string, rng: Rng): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < rng.between(5, 25); i++)
    paths[`/${name}/items/{id}/part${i}`] = {
      get: {
        summary: `Read part ${i}`,
        security: [{ cognito: [`${name}-api/read`] }],
        responses: { '200': { description: 'OK' }, '404': { description: 'Not found' } },
      },
    };
  return (
    JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: name, version: '1.0.0' },
        paths,
        components: { securitySchemes: { cognito: { type: 'oauth2' } } },
      },
      null,
      2,
    ) + '\n'
  );
}

interface RepoFile {
  rel: string;
  text: string;
}

function serviceFiles(s: number, rng: Rng): RepoFile[] {
  const name = `services/svc-${String(s).padStart(3, '0')}`;
  const short = name.slice('services/'.length);
  const style = rng.weighted<Dialect>([
    ['tf', 40],
    ['tf-json', 10],
    ['yaml', 30],
    ['cfn-json', 20],
  ]);
  const seed = 1000 + s;
  const units = rng.between(1, 3);
  const files: RepoFile[] = [{ rel: `${name}/README.md`, text: readme(short, new Rng(seed)) }];
  const dir = style === 'tf' || style === 'tf-json' ? `${name}/infra` : name;
  const main = style === 'tf' || style === 'tf-json' ? 'main' : 'template';
  files.push({ rel: `${dir}/${main}${EXT[style]}`, text: render(style, seed, units) });
  if (rng.chance(0.6))
    files.push({
      rel: `${dir}/storage${EXT[style]}`,
      text: render(style, seed + 7, rng.between(1, 2), { clients: false }),
    });
  if (style === 'tf' && rng.chance(0.6))
    files.push({
      rel: `${dir}/terraform.tfvars`,
      text: `environment          = "dev"\naccess_token_minutes = ${rng.pick([15, 30, 90])}\n`,
    });
  if (style === 'yaml' && rng.chance(0.4))
    files.push({
      rel: `${name}/samconfig.toml`,
      text: `version = 0.1\n[default.deploy.parameters]\nstack_name = "${short}"\n`,
    });
  if (style === 'cfn-json' && rng.chance(0.6))
    files.push({
      rel: `${name}/parameters/prod.json`,
      text:
        JSON.stringify(
          [
            { ParameterKey: 'Stage', ParameterValue: 'prod' },
            { ParameterKey: 'AccessTokenMinutes', ParameterValue: '15' },
          ],
          null,
          2,
        ) + '\n',
    });
  if (rng.chance(0.5)) files.push({ rel: `${name}/package.json`, text: packageJson(short, new Rng(seed)) });
  if (rng.chance(0.6)) files.push({ rel: `${name}/src/handler.js`, text: handlerJs(short) });
  if (rng.chance(0.3)) files.push({ rel: `${name}/.github/workflows/deploy.yml`, text: workflow(short) });
  if (rng.chance(0.15)) files.push({ rel: `${name}/docker-compose.yml`, text: compose(short) });
  if (rng.chance(0.3))
    files.push({
      rel: `${name}/tsconfig.json`,
      text: '{\n  "compilerOptions": { "strict": true, "target": "ES2022", "outDir": "dist" }\n}\n',
    });
  if (rng.chance(0.3)) files.push({ rel: `${name}/config/settings.yaml`, text: settingsYaml(short, new Rng(seed)) });
  if (rng.chance(0.1)) files.push({ rel: `${name}/openapi.json`, text: openapi(short, new Rng(seed)) });
  return files;
}

function writeRepo(dir: string, total: number): number {
  const rng = new Rng(42);
  const files: RepoFile[] = [
    { rel: 'README.md', text: '# platform\n\nInfrastructure of every service, one folder each.\n' },
    { rel: '.cognito-guard.json', text: '{\n  "rules": { "CG204": "off" },\n  "maxAccessTokenMinutes": 60\n}\n' },
  ];
  for (let s = 0; files.length < total; s++) files.push(...serviceFiles(s, rng));
  const chosen = files.slice(0, total);
  for (const f of chosen) write(path.join(dir, f.rel), f.text);
  return chosen.length;
}

// ---------------------------------------------------------------------------------------------

export function generate(): Generated {
  fs.rmSync(GENERATED, { recursive: true, force: true });
  const dialects: Dialect[] = ['tf', 'tf-json', 'yaml', 'cfn-json'];
  const sized = {} as Record<Dialect, string>;
  for (const d of dialects) {
    const file = path.join(GENERATED, 'sized', `platform-100kb${EXT[d]}`);
    write(file, sizedText(d, 7, 100 * 1024));
    sized[d] = file;
  }
  const lines = {
    yaml2000: path.join(GENERATED, 'lines', 'stack-2000.yaml'),
    yaml10000: path.join(GENERATED, 'lines', 'stack-10000.yaml'),
    tf2000: path.join(GENERATED, 'lines', 'tf-2000', 'main.tf'),
    tf10000: path.join(GENERATED, 'lines', 'tf-10000', 'main.tf'),
    json2000: path.join(GENERATED, 'lines', 'stack-2000.json'),
    json10000: path.join(GENERATED, 'lines', 'stack-10000.json'),
    sls2000: path.join(GENERATED, 'lines', 'sls-2000', 'serverless.yml'),
    sls10000: path.join(GENERATED, 'lines', 'sls-10000', 'serverless.yml'),
  };
  write(lines.yaml2000, linesText('yaml', 11, 2000));
  write(lines.yaml10000, linesText('yaml', 13, 10000));
  write(lines.tf2000, linesText('tf', 11, 2000));
  write(lines.tf10000, linesText('tf', 13, 10000));
  write(lines.json2000, linesText('cfn-json', 11, 2000));
  write(lines.json10000, linesText('cfn-json', 13, 10000));
  write(lines.sls2000, linesText('serverless', 11, 2000));
  write(lines.sls10000, linesText('serverless', 13, 10000));
  const small = path.join(GENERATED, 'small', 'auth.yaml');
  write(small, render('yaml', 8, 1));
  const rssDocs: string[] = [];
  for (let k = 0; k < 50; k++) {
    const d = dialects[k % dialects.length] ?? 'yaml';
    const file = path.join(GENERATED, 'rss', `doc-${String(k).padStart(2, '0')}${EXT[d]}`);
    write(file, sizedText(d, 100 + k, 100 * 1024));
    rssDocs.push(file);
  }
  const repo = path.join(GENERATED, 'repo');
  const repoFiles = writeRepo(repo, 1000);
  return { sized, lines, small, rssDocs, repo, repoFiles };
}

/** Offsets just after each client name in a generated text (`orders-007-web-client|`): edits go there. */
export function editAnchors(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[a-z]+-\d{3}-[a-z]+-client/g)) out.push((m.index ?? 0) + m[0].length);
  return out;
}

if (require.main === module) {
  const g = generate();
  console.log(JSON.stringify(g, null, 2));
}
