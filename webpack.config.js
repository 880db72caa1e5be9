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

module.exports = async (_env, argv) => {
  const dev = argv.mode !== 'production';
  return {
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
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', ...(DEPLOY_URL ? { transform: (content) => deployManifest(content.toString('utf8'), DEPLOY_URL) } : {}) },
          { from: 'src/support.html' },
          { from: 'src/preview/preview.css' },
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
};
