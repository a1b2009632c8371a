// Lint configuration: typescript-eslint's strict rules, type-aware, for the TypeScript sources.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What a rule file must not spell: resource types, intrinsics, dialect names and dialect keys. */
const DIALECT_WORDS = String.raw`aws_[a-z]|AWS::|Fn::|!Ref\b|!GetAtt\b|!Sub\b|\$\{`;
// Service values that happen to look like keys: OAuth flows and standard attributes.
const SERVICE_VALUES = 'client_credentials|phone_number|phone_number_verified|email_verified';
const RULE_FILE_GUARD = [
  {
    selector: `Literal[value=/${DIALECT_WORDS}/]`,
    message: 'A rule names a resource type or syntax of one dialect: read it from the catalogue instead.',
  },
  {
    selector: `TemplateElement[value.raw=/${DIALECT_WORDS}/]`,
    message: 'A rule names a resource type or syntax of one dialect: read it from the catalogue instead.',
  },
  {
    selector: `Literal[value=/^(?!(${SERVICE_VALUES})$)[a-z][a-z0-9]*(_[a-z0-9]+)+$/]`,
    message: 'A rule spells a Terraform argument or block name: use its catalogue id (prop, neighbourField, metaName).',
  },
  {
    selector: String.raw`Literal[value=/^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+$/]`,
    message: 'A rule spells a CloudFormation property name: use its catalogue id (prop, neighbourField, metaName).',
  },
  {
    selector: String.raw`TemplateElement[value.cooked=/\`[a-z][a-z0-9]*(_[a-z0-9]+)+\`|\`[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+\`/]`,
    message: 'A rule message spells a dialect name: take it from the catalogue (q(c, id), metaName(kind, id)).',
  },
  {
    selector: "MemberExpression[property.name='dialect']",
    message: "A rule branches on the file's dialect: the model and the writers hide it.",
  },
  {
    selector: String.raw`Literal[value=/^(terraform|terraform-json|cloudformation-yaml|cloudformation-json|hcl|yaml|json)$/]`,
    message: 'A rule names a dialect or syntax: the model and the writers hide it.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    // Rules are written once against the neutral model: a rule file never names a dialect's construct.
    // Names come from the catalogue (prop(c, id), neighbourField(r, id), metaName(kind, id)); syntax is
    // the parsers' and the writers' business.
    files: ['server/src/rules/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...RULE_FILE_GUARD],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
