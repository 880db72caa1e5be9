/**
 * @jest-environment jsdom
 */
/** src/unsupported.js: on Internet Explorer's webview the pane says why the assistant cannot run; elsewhere it does nothing. */
import { readFileSync } from 'fs';
import path from 'path';

const SCRIPT = readFileSync(path.join(__dirname, '../../src/unsupported.js'), 'utf8');

function run(userAgent: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
  document.body.innerHTML = '<div id="root"></div>';
  delete (window as unknown as Record<string, unknown>).goalsheetUnsupported;
  window.onerror = null;
  new Function(SCRIPT)();
}

test('Internet Explorer (Trident) gets a plain page pointing to what works', () => {
  run('Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko');
  expect(document.getElementById('root')).toBeNull();
  expect(document.body.textContent).toContain('绩效目标表助手无法在此版本的 Office 中运行');
  expect(document.body.textContent).toContain('goalsheet check');
  expect(document.body.textContent).toContain('preview.html');
  expect((window as unknown as Record<string, unknown>).goalsheetUnsupported).toBe(true);
});

test('WebView2 and Safari are left alone', () => {
  for (const ua of [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  ]) {
    run(ua);
    expect(document.getElementById('root')).not.toBeNull();
  }
});
