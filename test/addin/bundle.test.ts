/**
 * The built pages run in the webviews Office uses (WebView2; WKWebView back to Safari 13): every
 * bundle parses as ES2019 and holds no regular-expression lookbehind, which Safari before 16.4
 * rejects and no transpiler can lower. `npm test` builds dist/web first.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import * as acorn from 'acorn';

const WEB = path.join(__dirname, '../../dist/web');
const bundles = readdirSync(WEB).filter((f) => f.endsWith('.js'));

test('the built pages are there', () => {
  expect(bundles).toEqual(expect.arrayContaining(['taskpane.js', 'commands.js', 'summary.js', 'preview.js', 'unsupported.js']));
});

test.each(bundles)('%s parses as ES2019, without lookbehind', (file) => {
  const source = readFileSync(path.join(WEB, file), 'utf8');
  const ecmaVersion = file === 'unsupported.js' ? 5 : 2019;
  expect(() => acorn.parse(source, { ecmaVersion, sourceType: 'script' })).not.toThrow();
  const lookbehind: string[] = [];
  for (const token of acorn.tokenizer(source, { ecmaVersion: 2022 })) {
    const value = (token as unknown as { value?: { pattern?: string } }).value;
    if (token.type.label === 'regexp' && value?.pattern && /\(\?<[=!]/.test(value.pattern)) lookbehind.push(value.pattern);
  }
  expect(lookbehind).toEqual([]);
});

test('the check catches ES2020 syntax', () => {
  expect(() => acorn.parse('a?.b ?? c', { ecmaVersion: 2019 })).toThrow();
});
