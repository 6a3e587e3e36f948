/*
 * marks.js: what the reading options add to the text of a speech, one unit
 * (a paragraph pair or a heading) at a time; annotate.js decides when.
 *
 *   - learner pinyin: every character with a reading in the pinyin table
 *     wrapped in <ruby class="ptx-auto"> (its <rt> is editorial);
 *   - difference marks: the characters that differ between the Traditional
 *     and the Simplified version wrapped in span.ptx-diff. Where the
 *     Simplified character stands for several Traditional ones
 *     (window.ptxOneToMany, generated from OpenCC's table at build time), its
 *     mark's title names the one the Traditional version has.
 *
 * Exports window.ptx.marks: versions(unit), addPinyin(column, table),
 * markDifferences(unit), clearDifferences(scope).
 */
(function () {
  'use strict';

  var ptx = window.ptx;
  if (!ptx || typeof ptx.onPage !== 'function' || ptx.marks) return;

  var hasOwn = Object.prototype.hasOwnProperty;
  // Subtrees whose text is never annotated nor compared.
  var SKIP = 'rt, rp, .ptx-note, .ptx-std, .ptx-toolbar, [data-editorial], script, style, template';
  // Learner pinyin also leaves alone text that already has a reading, and
  // damaged text (mojibake: a reading would be nonsense).
  var SKIP_PINYIN = SKIP + ', ruby, .ptx-damage';

  function textNodes(element, skip) {
    var nodes = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 3) return NodeFilter.FILTER_ACCEPT;
        return node.matches(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    return nodes;
  }

  // The two script versions of a unit (a paragraph pair or a heading).
  function versions(unit) {
    var hant = null;
    var hans = null;
    for (var child = unit.firstElementChild; child; child = child.nextElementSibling) {
      if (!hant && child.classList.contains('ptx-hant')) hant = child;
      else if (!hans && child.classList.contains('ptx-hans')) hans = child;
    }
    return { hant: hant, hans: hans };
  }

  function ruby(ch, reading) {
    var element = document.createElement('ruby');
    element.className = 'ptx-auto';
    element.appendChild(document.createTextNode(ch));
    var rt = document.createElement('rt');
    rt.setAttribute('data-editorial', '');
    rt.setAttribute('data-search-exclude', '');
    rt.textContent = reading;
    element.appendChild(rt);
    return element;
  }

  // Wrap every character with a known reading in <ruby class="ptx-auto">.
  function addPinyin(element, table) {
    var nodes = textNodes(element, SKIP_PINYIN);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var fragment = null;
      var plain = '';
      for (var ch of node.data) {
        if (!hasOwn.call(table, ch)) {
          plain += ch;
          continue;
        }
        if (!fragment) fragment = document.createDocumentFragment();
        if (plain) {
          fragment.appendChild(document.createTextNode(plain));
          plain = '';
        }
        fragment.appendChild(ruby(ch, table[ch]));
      }
      if (!fragment) continue;
      if (plain) fragment.appendChild(document.createTextNode(plain));
      node.parentNode.replaceChild(fragment, node);
    }
  }

  // The visible characters of an element, each with its text node and offset.
  function characters(element) {
    var chars = [];
    var nodes = textNodes(element, SKIP);
    for (var i = 0; i < nodes.length; i++) {
      var offset = 0;
      for (var ch of nodes[i].data) {
        chars.push({ ch: ch, node: nodes[i], offset: offset });
        offset += ch.length;
      }
    }
    return chars;
  }

  // Wrap the given characters (all in text nodes) in span.ptx-diff. Works
  // from the end of each node backwards so earlier offsets stay valid.
  function wrapCharacters(marks) {
    var byNode = new Map();
    marks.forEach(function (mark) {
      if (!byNode.has(mark.node)) byNode.set(mark.node, []);
      byNode.get(mark.node).push(mark);
    });
    byNode.forEach(function (list, node) {
      list.sort(function (a, b) { return b.offset - a.offset; });
      list.forEach(function (mark) {
        var middle = node.splitText(mark.offset);
        middle.splitText(mark.ch.length);
        var span = document.createElement('span');
        span.className = 'ptx-diff';
        if (mark.title) span.title = mark.title;
        middle.parentNode.replaceChild(span, middle);
        span.appendChild(middle);
      });
    });
  }

  function markDifferences(unit) {
    var pair = versions(unit);
    if (!pair.hant || !pair.hans) return;
    var a = characters(pair.hant);
    var b = characters(pair.hans);
    // Conversion keeps the length in nearly all pairs; where it does not,
    // a character-by-character comparison would be meaningless.
    if (a.length !== b.length) return;
    var oneToMany = window.ptxOneToMany || {};
    // Which column is the original (the page's note on it says): the title names what
    // the source has, or, for a Simplified source, what the converter chose.
    var origin = document.querySelector('.ptx-origin');
    var simplifiedSource = origin && origin.getAttribute('data-origin') === 'hans';
    var marks = [];
    for (var i = 0; i < a.length; i++) {
      if (a[i].ch === b[i].ch) continue;
      marks.push({ node: a[i].node, offset: a[i].offset, ch: a[i].ch });
      var title = !hasOwn.call(oneToMany, b[i].ch) ? ''
        : simplifiedSource ? '轉換時選作「' + a[i].ch + '」' : '原文作「' + a[i].ch + '」';
      marks.push({ node: b[i].node, offset: b[i].offset, ch: b[i].ch, title: title });
    }
    if (marks.length) wrapCharacters(marks);
  }

  function unwrap(element) {
    var parent = element.parentNode;
    if (!parent) return null;
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    parent.removeChild(element);
    return parent;
  }

  // Every difference mark in scope removed, the text as it was.
  function clearDifferences(scope) {
    var spans = scope.querySelectorAll('span.ptx-diff');
    var parents = new Set();
    for (var i = 0; i < spans.length; i++) {
      var parent = unwrap(spans[i]);
      if (parent) parents.add(parent);
    }
    parents.forEach(function (parent) { parent.normalize(); });
  }

  ptx.marks = {
    versions: versions,
    addPinyin: addPinyin,
    markDifferences: markDifferences,
    clearDifferences: clearDifferences
  };
})();
