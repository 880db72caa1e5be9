/**
 * The production manifest: manifest.xml with every development address (https://localhost:3000) replaced by
 * where the add-in is deployed, SupportUrl pointing at the support page shipped in the bundle, and the
 * AppDomain the deployment's origin. `GOALSHEET_URL=https://… npm run build` writes it into dist/web.
 */
'use strict';

const DEV = 'https://localhost:3000';

/** The deployment URL, checked: https, no query or fragment, no trailing slash. Throws with a reason in Chinese and English. */
function deploymentUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`GOALSHEET_URL 不是有效网址 / is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:') throw new Error(`GOALSHEET_URL 必须是 https 地址（Office 只加载 https 加载项）/ must be https: ${raw}`);
  if (url.search || url.hash) throw new Error(`GOALSHEET_URL 不能带查询或片段 / must have no query or fragment: ${raw}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function deployManifest(xml, raw) {
  const base = deploymentUrl(raw);
  const origin = new URL(base).origin;
  const out = xml
    .replace(/(<SupportUrl DefaultValue=")[^"]*(")/, `$1${base}/support.html$2`)
    .replace(/(<AppDomain>)[^<]*(<\/AppDomain>)/, `$1${origin}$2`)
    .replace(/Served from https:\/\/localhost:3000 in development\./, `Deployed at ${base}.`)
    .split(DEV)
    .join(base);
  if (out.includes('localhost')) throw new Error('manifest: a localhost address is left');
  return out;
}

module.exports = { deployManifest, deploymentUrl };
