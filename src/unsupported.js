/*
 * Runs first on every page, in ES5 so that even Internet Explorer parses it. Volume-licensed Office
 * 2016/2019 on older Windows shows task panes in the Internet Explorer webview, which cannot run the
 * assistant: say so plainly and point to what works, instead of a blank pane.
 */
(function () {
  var ie = !!document.documentMode || /Trident\/|MSIE /.test(navigator.userAgent);
  if (!ie) return;
  window.goalsheetUnsupported = true;
  var html =
    '<div style="font-family:\'Microsoft YaHei\',\'Segoe UI\',sans-serif;margin:16px;line-height:1.6">' +
    '<h1 style="font-size:16px">绩效目标表助手无法在此版本的 Office 中运行</h1>' +
    '<p>此 Office 使用 Internet Explorer 显示加载项，助手需要 Microsoft 365、Office 2021 或更新版本（Edge WebView2）。</p>' +
    '<p>仍可使用：命令行 <code>goalsheet check 文件.xlsx</code> 检查工作簿；或在 Edge、Chrome 等浏览器中打开浏览器预览（preview.html）。</p>' +
    '<hr />' +
    '<p lang="en">Goalsheet cannot run in this version of Office: it shows add-ins in Internet Explorer. ' +
    'Use Microsoft 365 or Office 2021 or later, the command line (<code>goalsheet check file.xlsx</code>), ' +
    'or the browser preview (preview.html) in Edge or Chrome.</p>' +
    '</div>';
  function show() {
    document.body.innerHTML = html;
  }
  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
  // The bundles that follow use syntax IE cannot parse; keep its script-error reports quiet.
  window.onerror = function () {
    return true;
  };
})();
