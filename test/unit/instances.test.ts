/**
 * Terraform `for_each` and `count` over knowable collections: every instance checked, a finding at one
 * place reported once with the instances it applies to; unknown collections checked once as before.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';

const CLIENTS = `variable "clients" {
  default = {
    web    = { flows = ["ALLOW_USER_SRP_AUTH"], refresh = 30 }
    mobile = { flows = ["ALLOW_USER_PASSWORD_AUTH"], refresh = 3650 }
    legacy = { flows = ["ALLOW_USER_PASSWORD_AUTH"] }
  }
}
`;

const client = (meta: string, body: string): string => `resource "aws_cognito_user_pool_client" "this" {
  ${meta}
  name                          = "c"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
${body}}
`;

const by = (a: ReturnType<typeof analyze>, id: string) => a.findings.filter((f) => f.ruleId === id);

describe('Terraform instances (for_each, count)', () => {
  it('for_each over a map: each instance with its own values, a finding once with its instances', () => {
    const a = analyze(
      CLIENTS +
        client(
          'for_each = var.clients',
          `  explicit_auth_flows    = lookup(each.value, "flows", null)
  refresh_token_validity = try(each.value.refresh, 30)
`,
        ),
      'main.tf',
    );
    assert.equal(a.model?.clients.length, 3);
    assert.deepEqual(
      a.model?.clients.map((c) => c.instance),
      ['["web"]', '["mobile"]', '["legacy"]'],
    );
    const pw = by(a, 'CG104');
    assert.equal(pw.length, 1, 'one finding for the two instances with the password flow');
    assert.match(
      pw[0]?.message ?? '',
      /\(instances aws_cognito_user_pool_client\.this\["mobile"\], aws_cognito_user_pool_client\.this\["legacy"\]\)$/,
    );
    const long = by(a, 'CG107');
    assert.equal(long.length, 1);
    assert.match(long[0]?.message ?? '', /3650 days.*\(instance aws_cognito_user_pool_client\.this\["mobile"\]\)$/);
    const absent = by(a, 'CG204');
    assert.equal(absent.length, 1, 'a finding about the block itself, once');
    assert.match(absent[0]?.message ?? '', /instances .*"web".*"mobile".*"legacy"/);
  });

  it('for_each over a set of strings binds each.key and each.value to the element', () => {
    const a = analyze(
      client(
        'for_each = toset(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])',
        '  explicit_auth_flows = [each.value, "ALLOW_REFRESH_TOKEN_AUTH"]\n',
      ),
      'main.tf',
    );
    assert.deepEqual(
      a.model?.clients.map((c) => c.instance),
      ['["ALLOW_USER_PASSWORD_AUTH"]', '["ALLOW_USER_SRP_AUTH"]'],
    );
    assert.match(
      by(a, 'CG104')[0]?.message ?? '',
      /\(instance aws_cognito_user_pool_client\.this\["ALLOW_USER_PASSWORD_AUTH"\]\)$/,
    );
  });

  it('count: count.index is known, count = 0 deploys nothing, an unknown count checks the block once', () => {
    const flows = '  explicit_auth_flows = count.index == 1 ? ["ALLOW_USER_PASSWORD_AUTH"] : ["ALLOW_USER_SRP_AUTH"]\n';
    const two = analyze(client('count = 2', flows), 'main.tf');
    assert.deepEqual(
      two.model?.clients.map((c) => c.instance),
      ['[0]', '[1]'],
    );
    assert.match(by(two, 'CG104')[0]?.message ?? '', /\(instance aws_cognito_user_pool_client\.this\[1\]\)$/);
    const none = analyze(client('count = 0', '  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]\n'), 'main.tf');
    assert.equal(none.model?.clients.length, 0);
    assert.equal(none.findings.length, 0);
    const unknown = analyze(`variable "n" {}\n${client('count = var.n', flows)}`, 'main.tf');
    assert.equal(unknown.model?.clients.length, 1);
    assert.equal(unknown.model?.clients[0]?.instance, undefined);
    // count.index unknown: the conditional keeps both branches, so the password branch is reported, once
    assert.equal(by(unknown, 'CG104').length, 1);
    assert.doesNotMatch(by(unknown, 'CG104')[0]?.message ?? '', /instance/);
  });
});
