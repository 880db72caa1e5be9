/**
 * `npm ci` on a fresh Linux box without root or a C toolchain: no installed package compiles native code
 * or runs an install script (office-addin-debugging, which pulled a native keytar build and hundreds of MB
 * of Microsoft 365 tooling, is fetched by npx only when sideloading into Excel desktop).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';

const NODE_MODULES = path.join(__dirname, '../../node_modules');

/** Every installed package folder, scoped and nested ones included. */
function packages(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) {
      packages(full, out);
      continue;
    }
    if (!existsSync(path.join(full, 'package.json'))) continue;
    out.push(full);
    packages(path.join(full, 'node_modules'), out);
  }
  return out;
}

test('no installed package builds native code or runs an install script', () => {
  const all = packages(NODE_MODULES);
  expect(all.length).toBeGreaterThan(500);
  const offenders = all.filter((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const scripts = pkg.scripts ?? {};
    return existsSync(path.join(dir, 'binding.gyp')) || ['preinstall', 'install', 'postinstall'].some((s) => scripts[s]);
  });
  expect(offenders.map((d) => path.relative(NODE_MODULES, d))).toEqual([]);
});

test('the sideloading tool is not a dependency; npm start fetches it when Excel desktop is there', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
  expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('office-addin-debugging');
  expect(readFileSync(path.join(__dirname, '../../scripts/start.js'), 'utf8')).toMatch(/npx', \['--yes', 'office-addin-debugging@7'/);
});
