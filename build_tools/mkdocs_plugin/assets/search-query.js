/* Queries in either script: the index holds Simplified text, so a Traditional query is
 * converted character by character (window.ptxSearchTable, built from the corpus) before
 * it reaches Material's search worker. Loaded after any Worker shim (file://) and before
 * Material's bundle, so the worker Material creates already posts through this wrapper. */
(function () {
  "use strict";
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var Worker = window.Worker;
  if (!Worker || !Worker.prototype || Worker.prototype.__ptxWrapped) return;

  function toIndexScript(text) {
    var table = window.ptxSearchTable || {};
    var out = "";
    for (var ch of text) out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    return out;
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var rest = Array.prototype.slice.call(arguments, 1);
      message = { type: message.type, data: toIndexScript(message.data) };
      return post.apply(this, [message].concat(rest));
    }
    return post.apply(this, arguments);
  };
  Worker.prototype.__ptxWrapped = true;
  window.ptxToIndexScript = toIndexScript;
})();
