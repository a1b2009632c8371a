/**
 * The test client itself: a request to a server that has died fails with a clear message instead of
 * waiting forever (which once held a CI run for a quarter of an hour).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient } from './harness';

test('a request to a server that dies before answering fails instead of waiting', async () => {
  const client = new LspClient();
  await client.initialize();
  // the server cannot read the request before it is killed, so it never answers
  client.proc.kill('SIGSTOP');
  const pending = client.request('textDocument/hover', {
    textDocument: { uri: 'file:///x.yaml' },
    position: { line: 0, character: 0 },
  });
  client.proc.kill('SIGKILL');
  await assert.rejects(pending, /the server exited \(code null, signal SIGKILL\) before answering/);
  await client.stop();
});

test('a request that is never answered fails after its timeout', async () => {
  const client = new LspClient();
  await client.initialize();
  // stop the server from reading, so that the request is never answered
  client.proc.kill('SIGSTOP');
  try {
    await assert.rejects(
      client.request(
        'textDocument/hover',
        { textDocument: { uri: 'file:///x.yaml' }, position: { line: 0, character: 0 } },
        300,
      ),
      /no answer within 300 ms/,
    );
  } finally {
    client.proc.kill('SIGCONT');
    await client.stop();
  }
});
