/* Builds the task pane page into dist/web (dist/cli and dist/core are the CLI's tsc output). */
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { version } = require('./package.json');

/**
 * https for the dev server. Office's trusted localhost certificates are used when they are already installed
 * (`npx office-addin-dev-certs install`, which asks before it touches the trust store) or when
 * GOALSHEET_INSTALL_CERTS=1 says to install them now; otherwise a self-signed certificate, and nothing is
 * written to the system's trust store without asking.
 */
async function httpsServer() {
  try {
    const devCerts = require('office-addin-dev-certs');
    let installed = false;
    try {
      installed = devCerts.verifyCertificates();
    } catch {
      installed = false;
    }
    if (!installed && process.env.GOALSHEET_INSTALL_CERTS !== '1') {
      console.log('dev server: self-signed certificate (trusted certificates for Excel: `npx office-addin-dev-certs install`, which asks first)');
      return 'https';
    }
    const options = await devCerts.getHttpsServerOptions();
    console.log('dev server: https with office-addin-dev-certs');
    return { type: 'https', options };
  } catch (e) {
    console.warn(`dev server: office-addin-dev-certs unavailable (${e.message}); using a self-signed certificate`);
    return 'https';
  }
}

/**
 * Where the pages load Office.js from. Default: Microsoft's CDN. OFFICE_JS=21vianet: the CDN of Microsoft 365
 * operated by 21Vianet in China ("Referencing the Office JavaScript API library", CDN references for other
 * Microsoft 365 environments). OFFICE_JS=local serves the copy in the @microsoft/office-js package from this
 * server, for intranets without internet access.
 */
const OFFICE_JS = process.env.OFFICE_JS ?? 'cdn';
const LOCAL_OFFICE_JS = OFFICE_JS === 'local';
const OFFICE_JS_SOURCES = {
  cdn: { officeJs: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js', scriptSrc: "'self' https://appsforoffice.microsoft.com" },
  '21vianet': {
    officeJs: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
    scriptSrc: "'self' https://appsforoffice.cdn.partner.office365.cn",
  },
  local: { officeJs: 'office-js/office.js', scriptSrc: "'self'" },
};
if (!OFFICE_JS_SOURCES[OFFICE_JS]) throw new Error(`OFFICE_JS 只能是 cdn、21vianet 或 local / must be cdn, 21vianet or local (got "${OFFICE_JS}")`);
const templateParameters = OFFICE_JS_SOURCES[OFFICE_JS];

/** GOALSHEET_URL=https://… writes the production manifest for that address (scripts/deploy-manifest.js). */
const { deployManifest } = require('./scripts/deploy-manifest.js');
const DEPLOY_URL = process.env.GOALSHEET_URL;

/**
 * The webviews Office runs task panes in today: WebView2 (Edge/Chromium 86+) on Windows, WKWebView on Mac and
 * iPad (Safari 13 on the oldest macOS that Office 2021 for Mac supports). Everything shipped, node_modules
 * included, is transpiled to what they parse; test/addin/bundle.test.ts parses the bundles as ES2019.
 * (The Internet Explorer webview of volume-licensed Office 2016/2019 gets src/unsupported.js instead.)
 */
const WEBVIEWS = ['chrome >= 86', 'edge >= 86', 'safari >= 13', 'ios_saf >= 13'];
const babel = { loader: 'babel-loader', options: { babelrc: false, configFile: false, cacheDirectory: true, presets: [['@babel/preset-env', { targets: WEBVIEWS, bugfixes: true, modules: false }]] } };

/** The three pages share one template (and so one CSP); only their bodies differ. */
const PAGES = {
  taskpane: { head: '', body: '<div id="root"></div>' },
  commands: { head: '', body: '' },
  summary: {
    head: `<style>
      body { font-family: "Segoe UI", "Microsoft YaHei", sans-serif; margin: 16px; color: #242424; background: #fff; }
      @media (prefers-color-scheme: dark) { body { color: #fff; background: #292929; } }
      h1 { font-size: 16px; } button { margin-top: 12px; padding: 6px 16px; }
    </style>`,
    body: '<h1 id="title"></h1><p id="text" role="status"></p><button id="close" type="button"></button>',
  },
  // The browser preview: no Office.js, so only this server's scripts.
  preview: {
    officeJs: '',
    scriptSrc: "'self'",
    head: '<link rel="icon" href="assets/icon-32.png" /><link rel="stylesheet" href="preview.css" />',
    body: '<div id="root"></div>',
  },
};

/**
 * The WPS 加载项 folder, dist/wps (docs/wps.md §1.1): index.html only loads main.js (the ribbon's callbacks, as
 * WPS's template), ribbon.xml, the task pane and the summary dialog (no Office.js: WPS has its own `wps` API),
 * the button images, and a jsplugins.xml for trying the folder on this machine. Deployment files for other
 * addresses come from `npm run wps:package` (scripts/wps-package.js). Same Babel targets as dist/web: WPS's
 * Chromium can be old (docs/wps.md §1.1, §6 item 19).
 */
const WPS_PAGES = {
  taskpane: PAGES.taskpane,
  summary: PAGES.summary,
};
/** `wpsjs debug` serves on port 3889 (docs/wps.md §1.5): `node scripts/static-server.js dist/wps 3889` matches this. */
const WPS_URL = process.env.GOALSHEET_WPS_URL ?? 'http://127.0.0.1:3889/';

function wpsConfig(dev, rules) {
  const { jspluginsOnline } = require('./scripts/wps-package.js');
  return {
    name: 'wps',
    mode: dev ? 'development' : 'production',
    entry: { main: './src/wps/ribbon.ts', taskpane: './src/wps/taskpane.tsx', summary: './src/commands/summary.ts' },
    output: { path: path.resolve(__dirname, 'dist/wps'), filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: 'source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: { rules },
    plugins: [
      new webpack.DefinePlugin({ __APP_VERSION__: JSON.stringify(version) }),
      ...Object.entries(WPS_PAGES).map(
        ([name, parts]) =>
          new HtmlWebpackPlugin({ template: './src/page.html', filename: `${name}.html`, chunks: [name], templateParameters: { officeJs: '', scriptSrc: "'self'", ...parts } }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/addin/index.html' },
          { from: 'src/wps/addin/ribbon.xml' },
          { from: 'src/wps/addin/images', to: 'images' },
          { from: 'src/unsupported.js' },
        ],
      }),
      {
        apply(compiler) {
          compiler.hooks.thisCompilation.tap('jsplugins', (compilation) =>
            compilation.hooks.processAssets.tap({ name: 'jsplugins', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () =>
              compilation.emitAsset('jsplugins.xml', new webpack.sources.RawSource(jspluginsOnline(WPS_URL))),
            ),
          );
        },
      },
    ],
    performance: { hints: false },
  };
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const web = await webConfig(dev);
  // `webpack` (npm run build) and `webpack --watch` make both folders. The dev server serves the Excel pages only,
  // and a direct call without webpack-cli's env (test/addin/*.test.ts reads the Excel config) gets that config.
  return env?.WEBPACK_BUILD || env?.WEBPACK_WATCH ? [web, wpsConfig(dev, web.module.rules)] : web;
};

async function webConfig(dev) {
  return {
    name: 'web',
    mode: dev ? 'development' : 'production',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      summary: './src/commands/summary.ts',
      preview: './src/preview/index.tsx',
    },
    output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', clean: true },
    // webpack's own runtime (chunk loading) written for the same webviews.
    target: ['web', 'es2019'],
    // Never an eval-based devtool: the page's CSP forbids eval.
    devtool: 'source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Loaders run last to first: TypeScript strips types, Babel lowers the syntax for the webviews.
          use: [babel, { loader: 'ts-loader', options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { noEmit: false, module: 'esnext' } } }],
        },
        {
          test: /\.[cm]?js$/,
          include: /node_modules/,
          // Office.js is Microsoft's own ES5; Babel's helpers are already lowered.
          exclude: /node_modules[\\/](@microsoft[\\/]office-js|@babel[\\/]runtime|core-js)[\\/]/,
          use: babel,
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ __APP_VERSION__: JSON.stringify(version) }),
      ...Object.entries(PAGES).map(
        ([name, parts]) => new HtmlWebpackPlugin({ template: './src/page.html', filename: `${name}.html`, chunks: [name], templateParameters: { ...templateParameters, ...parts } }),
      ),
      // The preview's WPS mode shows 一键校验's dialog as WPS would: the summary page without Office.js.
      new HtmlWebpackPlugin({ template: './src/page.html', filename: 'wps/summary.html', chunks: ['summary'], templateParameters: { ...PAGES.summary, officeJs: '', scriptSrc: "'self'" } }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', ...(DEPLOY_URL ? { transform: (content) => deployManifest(content.toString('utf8'), DEPLOY_URL) } : {}) },
          { from: 'src/support.html' },
          { from: 'src/preview/preview.css' },
          // The preview's WPS mode (?host=wps) draws the add-in's real ribbon.
          { from: 'src/wps/addin/ribbon.xml', to: 'wps/ribbon.xml' },
          { from: 'src/wps/addin/images', to: 'wps/images' },
          { from: 'src/unsupported.js', to: 'wps/unsupported.js' },
          { from: 'src/unsupported.js' },
          { from: 'assets/samples/*.xlsx', to: 'samples/[name][ext]' },
          // Already minified by Microsoft: marked so terser leaves the 700 files alone.
          ...(LOCAL_OFFICE_JS ? [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', info: { minimized: true } }] : []),
        ],
      }),
    ],
    performance: { hints: false },
    devServer: dev
      ? {
          host: 'localhost',
          port: 3000,
          server: await httpsServer(),
          headers: { 'Access-Control-Allow-Origin': '*' },
          static: false,
          hot: false,
          liveReload: true,
          // npm start (scripts/start.js) asks for the preview to be opened when a browser can be.
          open: process.env.GOALSHEET_OPEN_PREVIEW ? ['/preview.html'] : false,
          onListening: () =>
            console.log(
              '\n绩效目标表助手 Goalsheet\n' +
                '  浏览器预览 / browser preview: https://localhost:3000/preview.html\n' +
                '  任务窗格 / task pane:         https://localhost:3000/taskpane.html (sideload manifest.xml in Excel)\n',
            ),
        }
      : undefined,
  };
}
