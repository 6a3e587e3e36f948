/* The Pagefind search page: loads Pagefind's UI from the site's pagefind/ folder and
 * converts Traditional queries to the Simplified text the index holds. */
(function () {
  "use strict";
  function start() {
    var mount = document.getElementById("ptx-pagefind");
    if (!mount || mount.dataset.ready) return;
    mount.dataset.ready = "1";
    var base = new URL(".", document.querySelector('script[src*="pagefind-page.js"]').src);
    var root = new URL("../../", base);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind/pagefind-ui.css", root).href;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = new URL("pagefind/pagefind-ui.js", root).href;
    script.onload = function () {
      /* global PagefindUI */
      new PagefindUI({
        element: "#ptx-pagefind",
        bundlePath: new URL("pagefind/", root).href,
        showImages: false,
        processTerm: function (term) {
          return window.ptxToIndexScript ? window.ptxToIndexScript(term) : term;
        }
      });
    };
    document.head.appendChild(script);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  document.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") start();
})();
