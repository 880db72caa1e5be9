/** The package's version, as `goalsheet --version` and the SARIF report's driver give it. */
import { readFileSync } from 'fs';
import path from 'path';

let version: string | undefined;

/** The package's version: as built into the one-file CLI, else from the nearest goalsheet package.json above this file. */
export function packageVersion(): string {
  // The one-file build (scripts/build-cli-bundle.js) writes its version in here; otherwise package.json.
  version ??= process.env.GOALSHEET_VERSION;
  if (version === undefined) {
    version = '0.0.0';
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'goalsheet' && pkg.version) {
          version = pkg.version;
          break;
        }
      } catch {
        // not here: one folder up
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return version;
}
