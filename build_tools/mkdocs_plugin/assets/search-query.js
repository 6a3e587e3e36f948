/* Search, the page's side (loaded before Material's bundle, after any Worker shim):
 *
 * - Material's configuration (#__config, read once when its bundle starts) names the
 *   search worker: this project's, search-worker.js beside this script;
 * - the worker's SETUP message gets the corpus's folding table (window.ptxSearchTable,
 *   search-table.js), each QUERY the reader's script (繁 → hant, 简 → hans, 對照 → hant:
 *   the parallel view leads with Traditional), and a change of script asks the last
 *   query again, so the open results follow the toolbar;
 * - the line above the results (how many) is a polite live region, so a screen reader
 *   hears the count after typing. */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2; // Material's SearchMessageType
  var here = document.currentScript && document.currentScript.src;
  var config = document.getElementById("__config");
  if (config && here) {
    try {
      var settings = JSON.parse(config.textContent);
      settings.search = new URL("search-worker.js", here).href;
      config.textContent = JSON.stringify(settings);
    } catch (e) { /* Material keeps its own worker */ }
  }

  function script() {
    return document.documentElement.getAttribute("data-ptx-script") === "hans" ? "hans" : "hant";
  }

  var Worker = window.Worker;
  if (Worker && Worker.prototype && !Worker.prototype.__ptxWrapped) {
    var post = Worker.prototype.postMessage;
    var last = null;
    Worker.prototype.postMessage = function (message) {
      var rest = Array.prototype.slice.call(arguments, 1);
      if (message && message.type === SETUP && message.data) {
        var data = {};
        for (var key in message.data) data[key] = message.data[key];
        data.fold = window.ptxSearchTable || {};
        message = { type: SETUP, data: data };
      } else if (message && message.type === QUERY) {
        last = { worker: this, data: message.data };
        message = { type: QUERY, data: message.data, script: script() };
      }
      return post.apply(this, [message].concat(rest));
    };
    Worker.prototype.__ptxWrapped = true;
    document.addEventListener("ptx:script", function () {
      if (last) post.call(last.worker, { type: QUERY, data: last.data, script: script() });
    });
  }

  function announce() {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && !meta.hasAttribute("role")) {
      meta.setAttribute("role", "status");
      meta.setAttribute("aria-live", "polite");
    }
  }
  announce();
  document.addEventListener("DOMContentLoaded", announce);
})();
