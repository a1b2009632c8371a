import { asString, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, setClientProp } from './fixkit';
import { hasSecret, q } from './util';

export const CG008: Rule = {
  id: 'CG008',
  name: 'client-credentials-secret',
  defaultSeverity: 'error',
  summary:
    'The client_credentials grant (error) or the ALLOW_CLIENT_TOKEN_AUTH flow (warning) on a client without a secret.',
  check(c, ctx) {
    if (hasSecret(c) !== false) return;
    for (const s of listItems(prop(c, 'allowedOauthFlows')?.value)) {
      if (asString(s) !== 'client_credentials') continue;
      ctx.report(
        s.span,
        `The client_credentials grant authenticates with the client secret, but this client has none (${q(c, 'generateSecret')} is not true), so the service rejects it. Set ${q(c, 'generateSecret')} to true; that replaces the client and gives it a new client ID.`,
        {
          fixes: fix(
            `Set ${q(c, 'generateSecret')} to true (replaces the client: new client ID and secret)`,
            setClientProp(c, 'generateSecret', true, prop(c, 'generateSecret')),
            { safe: false },
          ),
        },
      );
    }
    for (const s of listItems(prop(c, 'explicitAuthFlows')?.value)) {
      if (asString(s) !== 'ALLOW_CLIENT_TOKEN_AUTH') continue;
      ctx.report(
        s.span,
        `ALLOW_CLIENT_TOKEN_AUTH lets a service get tokens with GetClientToken by proving the client secret, but this client has none (${q(c, 'generateSecret')} is not true); AWS documents the flow for clients with a secret only. Set ${q(c, 'generateSecret')} to true; that replaces the client and gives it a new client ID.`,
        { severity: 'warning' },
      );
    }
  },
};
