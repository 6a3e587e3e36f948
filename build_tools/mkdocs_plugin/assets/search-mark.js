/* Search, on the page a result leads to: marks the terms of ?hl= (folded, separated by
 * spaces, as search-worker.js writes them) wherever the page's text holds them, in both
 * columns, across the elements a run of text is made of (a character with its ruby, a
 * placeholder), and without the pinyin, notes and standard forms that are not the text.
 * Then, when the link names no block (#p12), it scrolls to the first visible mark.
 * Folding is search-worker.js's: the corpus's table (window.ptxSearchTable), A-Z → a-z,
 * whitespace left out. Runs again on each page Material's instant navigation shows. */
(function () {
  "use strict";
  var PARAM = "hl";
  var UNITS = ".ptx-pair > p, :is(h1, h2, h3, h4, h5, h6) > bdi, "
    + ":is(p, li, td, th, dt, dd, figcaption, h1, h2, h3, h4, h5, h6)";
  var NOT_TEXT = "rt, rp, [data-editorial], .headerlink, .ptx-toolbar, script, style";
  var SPACE = {};
  " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff".split("").forEach(function (c) {
    SPACE[c] = true;
  });
  for (var s = 0x2000; s < 0x200b; s++) SPACE[String.fromCharCode(s)] = true;

  function folded(ch) {
    var f = (window.ptxSearchTable || {})[ch];
    if (f !== undefined) return f;
    return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
  }

  /* The unit's folded text and, per UTF-16 unit of it, where the character came from. */
  function textOf(unit) {
    var text = "", places = [];
    var walker = document.createTreeWalker(unit, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var skip = node.parentElement && node.parentElement.closest(NOT_TEXT);
      if (skip && unit.contains(skip)) continue;
      var data = node.data;
      for (var i = 0; i < data.length;) {
        var ch = String.fromCodePoint(data.codePointAt(i));
        if (!SPACE[ch]) {
          var f = folded(ch);
          text += f;
          for (var k = 0; k < f.length; k++) places.push({ node: node, start: i, end: i + ch.length });
        }
        i += ch.length;
      }
    }
    return { text: text, places: places };
  }

  /* The pieces of text nodes to wrap, in document order: {node, start, end}. */
  function pieces(unit, terms) {
    var folding = textOf(unit), covered = [], out = [];
    terms.forEach(function (term) {
      for (var at = folding.text.indexOf(term); at >= 0; at = folding.text.indexOf(term, at + 1)) {
        for (var p = at; p < at + term.length; p++) covered[p] = true;
      }
    });
    folding.places.forEach(function (place, p) {
      if (!covered[p]) return;
      var last = out[out.length - 1];
      if (last && last.node === place.node && place.start <= last.end && covered[p - 1]) {
        last.end = Math.max(last.end, place.end);
      } else {
        out.push({ node: place.node, start: place.start, end: place.end });
      }
    });
    return out;
  }

  function wrap(piece) {
    var range = document.createRange();
    range.setStart(piece.node, piece.start);
    range.setEnd(piece.node, piece.end);
    var mark = document.createElement("mark");
    mark.className = "ptx-hit";
    range.surroundContents(mark);
  }

  function markPage() {
    var content = document.querySelector(".md-content");
    var param;
    try { param = new URL(window.location.href).searchParams.get(PARAM); } catch (e) { return; }
    if (!content || !param || content.getAttribute("data-ptx-hl") === param) return;
    content.setAttribute("data-ptx-hl", param);
    var terms = param.split(" ").filter(Boolean);
    var all = Array.prototype.slice.call(content.querySelectorAll(UNITS));
    var units = all.filter(function (unit) {
      return !unit.closest(NOT_TEXT) && !unit.querySelector(UNITS);
    });
    var found = [];
    units.forEach(function (unit) { found = found.concat(pieces(unit, terms)); });
    /* Last pieces first, so the earlier offsets in a node still hold. */
    for (var i = found.length - 1; i >= 0; i--) wrap(found[i]);
    if (!window.location.hash) {
      var first = Array.prototype.find.call(content.querySelectorAll("mark.ptx-hit"),
        function (mark) { return mark.offsetParent !== null; });
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { markPage(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markPage);
  } else {
    markPage();
  }
})();
