/*
 * @town-square-kit/chart-warmup: draws one tiny chart off screen once JupyterLab has started,
 * so that the first chart of a lesson draws as fast as the next ones.
 *
 * JupyterLab's chart renderer (jupyterlab-plotly) evaluates plotly.js and sets up its first
 * plot only when a notebook shows its first chart: about one second of the page's time, spent
 * in the middle of "Run All" (bench/browser.py). Done here, it is spent while the kernel
 * starts and the learner reads the first paragraphs.
 *
 * Written by hand, without a build step: this file is the whole extension. It is a module
 * federation container as JupyterLab loads one (window._JUPYTERLAB[name] with init(shareScope)
 * and get(module)); it takes the IRenderMimeRegistry token from the share scope JupyterLab
 * gives it, so it bundles nothing. Where there is no plotly renderer (Voilà without charts, a
 * page without rendermime), it does nothing.
 */
var _JUPYTERLAB;
(function () {
  'use strict';
  var NAME = '@town-square-kit/chart-warmup';
  var PLOTLY = 'application/vnd.plotly.v1+json';
  var shareScope = null;

  /** The state a test reads: html[data-kit-chart-warmup] = waiting | done | skipped. */
  function mark(state) {
    document.documentElement.setAttribute('data-kit-chart-warmup', state);
  }

  /** The IRenderMimeRegistry token of the page's own @jupyterlab/rendermime, or null. */
  function rendermimeToken() {
    var versions = shareScope && shareScope['@jupyterlab/rendermime'];
    if (!versions) {
      return Promise.resolve(null);
    }
    var keys = Object.keys(versions);
    // The page's own copy is the one already loaded (JupyterLab shares it as a singleton).
    var key = keys.filter(function (k) { return versions[k].loaded; })[0] || keys[0];
    return Promise.resolve(versions[key].get()).then(function (factory) {
      var module = factory();
      return (module && module.IRenderMimeRegistry) || null;
    }, function () { return null; });
  }

  /** One bar, drawn where nobody sees it, then removed with everything it made. */
  function warm(rendermime) {
    var host = document.createElement('div');
    host.setAttribute('aria-hidden', 'true');
    host.className = 'kit-chart-warmup';
    host.style.cssText = 'position:fixed;left:-10000px;top:0;width:320px;height:240px;' +
      'overflow:hidden;visibility:hidden;pointer-events:none;contain:strict';
    document.body.appendChild(host);
    var renderer = null;
    var done = false;
    var finish = function () {
      if (done) {
        return;
      }
      done = true;
      try {
        if (renderer) {
          renderer.dispose();
        }
      } catch (reason) { /* already gone */ }
      host.remove();
      mark('done');
    };
    try {
      renderer = rendermime.createRenderer(PLOTLY);
      // The renderer stores a picture of the chart in its model when the picture is ready
      // (its last step): that is when everything it made can go.
      var model = rendermime.createModel({
        data: { [PLOTLY]: { data: [{ type: 'bar', x: ['a'], y: [1] }],
                            layout: { width: 320, height: 240 } } },
        trusted: true,
        callback: function () { setTimeout(finish, 0); }
      });
      host.appendChild(renderer.node);
      Promise.resolve(renderer.renderModel(model)).catch(finish);
      setTimeout(finish, 15000); // no picture (a renderer without one): tidy up anyway
    } catch (reason) {
      finish();
    }
  }

  function plugin(token) {
    return {
      id: NAME + ':plugin',
      description: "Draws one chart off screen at start, so a lesson's first chart is quick.",
      autoStart: true,
      optional: token ? [token] : [],
      activate: function (app, rendermime) {
        mark('waiting');
        var later = window.requestIdleCallback
          ? function (f) { window.requestIdleCallback(f, { timeout: 1000 }); }
          : function (f) { setTimeout(f, 0); };
        // Renderers of other extensions (plotly's among them) are registered by the time
        // the application has restored its layout.
        Promise.resolve(app.restored).then(function () {
          if (!rendermime || rendermime.mimeTypes.indexOf(PLOTLY) < 0) {
            mark('skipped');
            return;
          }
          later(function () { warm(rendermime); });
        });
      }
    };
  }

  var container = {
    init: function (scope) {
      shareScope = scope;
    },
    get: function (module) {
      if (module !== './extension' && module !== './index') {
        return Promise.reject(new Error('Module "' + module + '" does not exist in container.'));
      }
      return rendermimeToken().then(function (token) {
        return function () {
          return { __esModule: true, default: plugin(token) };
        };
      });
    }
  };
  _JUPYTERLAB = _JUPYTERLAB || {};
  _JUPYTERLAB[NAME] = container;
})();
