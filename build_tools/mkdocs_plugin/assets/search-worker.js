/* The search worker: Material's search box and result list, this project's matching.
 *
 * It speaks Material's worker protocol (SETUP → READY, QUERY → RESULT, the documents of
 * a RESULT grouped by page, the page itself first) and finds exactly what was asked for:
 * a query is cut into terms at whitespace ("…", “…” and 「…」 quote a phrase, whitespace
 * inside it ignored); every term must occur in the page, as a run of characters of one
 * block (title, heading, paragraph), after folding both sides: Traditional and Simplified
 * characters to one (the corpus's table, window.ptxSearchTable, handed over with SETUP by
 * search-query.js), A-Z to a-z, whitespace left out (build_tools/analysis/terms.py says the
 * same in Python). Pages rank by title hits, then by how often the terms occur.
 *
 * Results are written in the reader's script (the QUERY message's `script`, hans or hant)
 * and link to the block (#p<line>, a heading's id) with ?hl=<terms> for search-mark.js,
 * which marks them on the page. Material's own `h` parameter is left empty, so its
 * highlighter, which sees one text node at a time and one script, stays out of the way.
 *
 * Two sources of pages (the index's config.ptx.mode):
 * - "pages": the pages' records are the index itself (search/search_index.json, or
 *   search_index.js offline), searched here in full;
 * - "pagefind": Pagefind's chunked index, one word per folded character, asked for the
 *   exact phrase; the records of the first results come from Pagefind's fragments.
 * Every string that reaches Material is escaped here: Material inserts it as HTML. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var TITLE_HIT = 1e6;   // a title hit outranks any number of hits in the text
  var SHOWN = 2;         // blocks shown under a page; the others under Material's "more"
  var FETCHED = 10;      // Pagefind: results whose records (snippets) are fetched
  var BEFORE = 24, LENGTH = 110; // a snippet: characters before the first hit, in all
  var SPACE = {};
  " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff".split("").forEach(function (c) {
    SPACE[c] = true;
  });
  for (var s = 0x2000; s < 0x200b; s++) SPACE[String.fromCharCode(s)] = true;
  var TERM = /"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|([^\s"“「]+)/g;

  var fold = {};      // character → folded character
  var defaults = {};  // Simplified character → its usual Traditional form in the corpus
  var risky = null;   // Simplified characters whose usual Traditional form folds elsewhere
  var mode = "pages";
  var pages = [];     // "pages": every page, in the index's order
  var pagefind = null; // "pagefind": { bundle, pages } from the index
  var latest = 0;     // the last query asked; older answers are dropped

  /* ---------------------------------------------------------------- folding */

  function folded(ch) {
    var f = fold[ch];
    if (f !== undefined) return f;
    return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
  }

  function normalise(text) {
    var out = "";
    for (var ch of text) if (!SPACE[ch]) out += folded(ch);
    return out;
  }

  /* The folded text and, for each of its UTF-16 units, the code point it came from. */
  function mapped(chars) {
    var out = "", map = [];
    for (var i = 0; i < chars.length; i++) {
      if (SPACE[chars[i]]) continue;
      var f = folded(chars[i]);
      out += f;
      for (var k = 0; k < f.length; k++) map.push(i);
    }
    return { text: out, map: map };
  }

  function terms(query) {
    var out = [], m;
    TERM.lastIndex = 0;
    while ((m = TERM.exec(query))) {
      var raw = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2]
        : m[3] !== undefined ? m[3] : m[4];
      var term = normalise(raw || "");
      if (term && out.indexOf(term) < 0) out.push(term);
    }
    return out;
  }

  function count(text, term) {
    var n = 0;
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) n++;
    return n;
  }

  /* ---------------------------------------------------------------- records */

  function hantOf(block) {
    var spec = block.spec;
    if (typeof spec === "string") return spec;
    var chars = Array.from(block.hans);
    for (var i = 0; i < chars.length; i++) if (defaults[chars[i]]) chars[i] = defaults[chars[i]];
    if (spec) for (var j = 0; j < spec.length; j += 2) chars[spec[j]] = spec[j + 1];
    return chars.join("");
  }

  function riskyPattern() {
    var chars = Object.keys(defaults).filter(function (c) {
      return folded(defaults[c]) !== folded(c);
    });
    return chars.length ? new RegExp("[" + chars.join("").replace(/[\\\]^-]/g, "\\$&") + "]", "u")
      : null;
  }

  /* A page of the index: [anchor, Simplified text, Traditional spec, heading] blocks. */
  function makePage(doc) {
    var blocks = doc.blocks.map(function (b) {
      var block = { anchor: b[0], hans: b[1], spec: b[2] || 0, heading: b[3] === 1 };
      block.norm = normalise(block.hans);
      if (block.spec || (risky && risky.test(block.hans))) {
        var alt = normalise(hantOf(block));
        if (alt !== block.norm) block.alt = alt;
      }
      return block;
    });
    var text = blocks.map(function (b) { return b.alt ? b.norm + "\n" + b.alt : b.norm; });
    return { location: doc.location, blocks: blocks, text: text.join("\n") };
  }

  /* Hits of every term in each block; null when some term is not in the page. */
  function match(page, ts) {
    for (var t = 0; t < ts.length; t++) if (page.text.indexOf(ts[t]) < 0) return null;
    var hits = 0, title = false, blocks = [];
    page.blocks.forEach(function (block, i) {
      var n = 0;
      ts.forEach(function (term) {
        n += Math.max(count(block.norm, term), block.alt ? count(block.alt, term) : 0);
      });
      if (!n) return;
      hits += n;
      if (i === 0) title = true;
      blocks.push(i);
    });
    return { score: hits + (title ? TITLE_HIT : 0), blocks: blocks };
  }

  /* -------------------------------------------------------------- rendering */

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* ``text`` as HTML with every hit marked; ``cut``: only a window around the first. */
  function marked(text, ts, cut) {
    var chars = Array.from(text), folding = mapped(chars), ranges = [];
    ts.forEach(function (term) {
      for (var at = folding.text.indexOf(term); at >= 0;
        at = folding.text.indexOf(term, at + term.length)) {
        ranges.push([folding.map[at], folding.map[at + term.length - 1] + 1]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var start = 0, end = chars.length;
    if (cut && chars.length > LENGTH) {
      start = ranges.length ? Math.max(0, ranges[0][0] - BEFORE) : 0;
      end = Math.min(chars.length, Math.max(start + LENGTH, ranges.length ? ranges[0][1] : 0));
      start = Math.max(0, Math.min(start, end - LENGTH));
    }
    var html = start > 0 ? "…" : "", at = start;
    ranges.forEach(function (range) {
      var from = Math.max(range[0], at), to = Math.min(range[1], end);
      if (to <= from) return;
      html += escape(chars.slice(at, from).join("")) + "<mark>"
        + escape(chars.slice(from, to).join("")) + "</mark>";
      at = to;
    });
    return html + escape(chars.slice(at, end).join("")) + (end < chars.length ? "…" : "");
  }

  function inScript(block, script) {
    return script === "hans" ? block.hans : hantOf(block);
  }

  function link(location, ts) {
    var parts = location.split("#");
    return parts[0] + (parts[0].indexOf("?") < 0 ? "?" : "&") + "hl="
      + encodeURIComponent(ts.join(" ")) + (parts.length > 1 ? "#" + parts[1] : "");
  }

  /* Material's documents for one page: the page, then its blocks with hits. */
  function item(page, found, ts, script) {
    var url = link(page.location, ts);
    var docs = [{ location: url, title: marked(inScript(page.blocks[0], script), ts, false),
      text: "", score: found.score, terms: {} }];
    var heading = escape(inScript(page.blocks[0], script));
    var shown = 0;
    page.blocks.forEach(function (block, i) {
      if (i > 0 && block.heading) heading = escape(inScript(block, script));
      if (i === 0 || found.blocks.indexOf(i) < 0) return;
      var text = inScript(block, script);
      docs.push({
        location: url.split("#")[0] + "#" + block.anchor,
        title: block.heading ? marked(text, ts, false) : heading,
        text: block.heading ? "" : marked(text, ts, true),
        score: shown++ < SHOWN ? found.score : 0,
        terms: {}
      });
    });
    return docs;
  }

  function byScore(a, b) { return b.found.score - a.found.score || a.order - b.order; }

  function searchPages(ts, script) {
    var results = [];
    pages.forEach(function (page, order) {
      var found = match(page, ts);
      if (found) results.push({ page: page, found: found, order: order });
    });
    return results.sort(byScore).map(function (r) { return item(r.page, r.found, ts, script); });
  }

  /* --------------------------------------------------------------- Pagefind */

  function token(ch) {
    var point = ch.codePointAt(0);
    return point < 0x10000 ? ("0000" + point).slice(-5) : "9" + ("000000" + point).slice(-7);
  }

  function load() {
    if (!pagefind.loading) {
      var root = new URL("../../", self.location.href);
      var bundle = new URL(pagefind.bundle, root).href;
      /* Through Function: a browser without import() in workers fails here, not at parse. */
      var importer = new Function("url", "return import(url)");
      pagefind.loading = Promise.all([
        importer(bundle + "pagefind.js").then(function (api) {
          return api.options({ bundlePath: bundle }).then(function () { return api; });
        }),
        fetch(new URL(pagefind.pages, root).href).then(function (r) { return r.json(); })
      ]);
      pagefind.loading.catch(function () { pagefind.loading = null; });
    }
    return pagefind.loading;
  }

  /* Hits of a term in a page, from the positions of its words (all occurrences), and
   * whether one starts inside the title (its first ``titleLength`` words). */
  function weigh(positions, length, titleLength) {
    var at = new Set(positions), hits = 0, title = false;
    positions.forEach(function (p) {
      for (var k = 1; k < length; k++) if (!at.has(p + k)) return;
      hits++;
      if (p < titleLength) title = true;
    });
    return Math.max(hits, 1) + (title ? TITLE_HIT : 0);
  }

  function searchPagefind(ts, script) {
    return load().then(function (loaded) {
      var api = loaded[0], table = loaded[1], scores = null, handles = {};
      var chain = Promise.resolve();
      ts.forEach(function (term) {
        var words = Array.from(term).map(token);
        chain = chain.then(function () {
          return Promise.all([api.search('"' + words.join(" ") + '"'), api.search(words.join(" "))]);
        }).then(function (answers) {
          var positions = {}, next = {};
          answers[1].results.forEach(function (r) { positions[r.id] = r.words; });
          answers[0].results.forEach(function (r) {
            if (scores && !(r.id in scores) || !table[r.id]) return;
            handles[r.id] = r;
            next[r.id] = (scores ? scores[r.id] : 0)
              + weigh(positions[r.id] || r.words, words.length, table[r.id][3]);
          });
          scores = next;
        });
      });
      return chain.then(function () {
        var ids = Object.keys(scores).sort(function (a, b) {
          return scores[b] - scores[a] || (table[a][0] < table[b][0] ? -1 : 1);
        });
        return Promise.all(ids.slice(0, FETCHED).map(function (id) {
          return handles[id].data().then(function (fragment) {
            var page = makePage(JSON.parse(fragment.meta.ptx));
            var found = match(page, ts);
            return found ? item(page, { score: scores[id], blocks: found.blocks }, ts, script)
              : null;
          });
        })).then(function (items) {
          items = items.filter(Boolean);
          ids.slice(FETCHED).forEach(function (id) {
            var title = table[id][script === "hans" ? 2 : 1];
            items.push([{ location: link(table[id][0], ts), title: marked(title, ts, false),
              text: "", score: scores[id], terms: {} }]);
          });
          return items;
        });
      });
    });
  }

  /* --------------------------------------------------------------- messages */

  function setup(data) {
    var ptx = (data.config && data.config.ptx) || {};
    fold = data.fold || {};
    defaults = ptx.hant || {};
    risky = riskyPattern();
    mode = ptx.mode || "pages";
    if (mode === "pagefind") {
      pagefind = { bundle: ptx.bundle, pages: ptx.pages, loading: null };
    } else {
      pages = (data.docs || []).filter(function (doc) { return doc && doc.blocks; }).map(makePage);
    }
  }

  function query(message) {
    var asked = ++latest;
    var ts = terms(String(message.data || ""));
    var script = message.script === "hans" ? "hans" : "hant";
    var answer = !ts.length ? Promise.resolve([])
      : mode === "pagefind" ? searchPagefind(ts, script)
      : Promise.resolve(searchPages(ts, script));
    return answer.catch(function (error) {
      console.warn("search failed:", error);
      return [];
    }).then(function (items) {
      if (asked === latest) postMessage({ type: RESULT, data: { items: items } });
    });
  }

  addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      setup(message.data || {});
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      query(message);
    }
  });
})();
