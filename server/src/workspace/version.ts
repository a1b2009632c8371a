/** The version of cognito-guard, from its package.json. */
import * as fs from 'node:fs';
import * as path from 'node:path';

let cachedVersion: string | undefined;
export function version(): string {
  if (cachedVersion) return cachedVersion;
  cachedVersion = '0.0.0';
  // out/server/src/workspace/version.js, dist/cli.js or dist/server.js: the package.json of cognito-guard is a few folders up
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'cognito-guard') {
        cachedVersion = pkg.version ?? '0.0.0';
        break;
      }
    } catch {
      // not here
    }
  }
  return cachedVersion;
}
