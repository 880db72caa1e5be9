/*
 * npm start: with Excel desktop on this machine, sideload the add-in the usual way
 * (office-addin-debugging starts the dev server and Excel with manifest.xml). That tool and its
 * Microsoft 365 tooling (a native keytar build, hundreds of MB) is fetched by npx on first use only,
 * so `npm ci` needs neither a C toolchain nor root.
 * Without it, serve the add-in over https and the browser preview, print its
 * address, and open it when a browser can be opened. GOALSHEET_PREVIEW=1 forces the preview.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

function findExcel() {
  if (process.platform === 'darwin') return ['/Applications/Microsoft Excel.app'].find((p) => fs.existsSync(p));
  if (process.platform === 'win32') {
    const roots = [process.env.ProgramFiles, process.env['ProgramFiles(x86)']].filter(Boolean);
    const rel = [['Microsoft Office', 'root', 'Office16', 'EXCEL.EXE'], ['Microsoft Office', 'Office16', 'EXCEL.EXE']];
    for (const root of roots) for (const r of rel) if (fs.existsSync(path.join(root, ...r))) return path.join(root, ...r);
  }
  return undefined; // no Excel desktop on Linux
}

/** A browser can be opened: a desktop session on Linux, always on macOS and Windows. */
const canOpenBrowser = () => process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const run = (cmd, args, env = {}) => {
  const child = spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } });
  child.on('exit', (code) => process.exit(code ?? 0));
};

const excel = process.env.GOALSHEET_PREVIEW ? undefined : findExcel();
if (excel) {
  console.log(`Excel found (${excel}): sideloading manifest.xml …`);
  run('npx', ['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml', 'desktop', '--app', 'excel']);
} else {
  console.log('未找到 Excel 桌面版：启动浏览器预览 / No Excel desktop here: starting the browser preview.');
  run('npx', ['webpack', 'serve', '--mode', 'development'], { GOALSHEET_OPEN_PREVIEW: canOpenBrowser() ? '1' : '' });
}
