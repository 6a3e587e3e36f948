/*
 * copy.js: copying from a speech gives its text as the reader sees it. Pinyin
 * (the source's readings and learner pinyin), editorial text (notes, the
 * standard forms, the apparatus) and the script column that is hidden are
 * kept out; a selection entirely inside editorial text is copied as it is.
 * Outside the speeches, and in form fields, the browser copies as usual.
 */
(function () {
  'use strict';

  // Needs none of the reader's choices: works without early.js too.
  var ptx = window.ptx = window.ptx || {};
  if (ptx.copy) return;
  ptx.copy = true;

  // Blocks of the copied text end a line.
  var BLOCKS = /^(P|DIV|H[1-6]|LI|UL|OL|DL|DT|DD|SECTION|ARTICLE|DETAILS|SUMMARY|BLOCKQUOTE|TABLE|TR|PRE|FIGURE|FIGCAPTION)$/;
  var STRIP = 'rt, rp, [data-ptx-copy-strip]';
  var MARK = 'data-ptx-copy-strip';

  function plainText(node, out) {
    if (node.nodeType === 3) {
      out.push(node.data.replace(/[ \t\n\r\f]+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    if (node.nodeName === 'BR') {
      out.push('\n');
      return;
    }
    var block = node.nodeType === 1 && (BLOCKS.test(node.nodeName) ||
      node.classList.contains('ptx-hant') || node.classList.contains('ptx-hans'));
    if (block) out.push('\n');
    for (var child = node.firstChild; child; child = child.nextSibling) plainText(child, out);
    if (block) out.push('\n');
  }

  // Elements in the range that must not be copied but cannot be recognised in
  // a detached clone: hidden script columns, and the contents of closed
  // <details>. They get a temporary attribute, which the clone keeps.
  function markHidden(range) {
    var marked = [];
    var scope = range.commonAncestorContainer;
    if (scope.nodeType !== 1) scope = scope.parentNode;
    if (!scope) return marked;
    function mark(element) {
      element.setAttribute(MARK, '');
      marked.push(element);
    }
    var columns = scope.querySelectorAll('.ptx-hant, .ptx-hans');
    for (var i = 0; i < columns.length; i++) {
      if (range.intersectsNode(columns[i]) && getComputedStyle(columns[i]).display === 'none') {
        mark(columns[i]);
      }
    }
    var folded = scope.querySelectorAll('details:not([open]) > :not(summary)');
    for (var j = 0; j < folded.length; j++) {
      if (range.intersectsNode(folded[j])) mark(folded[j]);
    }
    return marked;
  }

  function copiedText(range) {
    var scope = range.commonAncestorContainer;
    var element = scope.nodeType === 1 ? scope : scope.parentNode;
    // A selection entirely inside editorial text (e.g. the apparatus at the
    // end of a speech) is copied as it is: that is what the reader wants.
    var keepEditorial = !!(element && element.closest('[data-editorial]'));
    var marked = markHidden(range);
    var fragment;
    try {
      fragment = range.cloneContents();
    } finally {
      marked.forEach(function (el) { el.removeAttribute(MARK); });
    }
    var strip = keepEditorial ? STRIP : STRIP + ', [data-editorial]';
    var removed = fragment.querySelectorAll(strip);
    for (var i = 0; i < removed.length; i++) {
      if (removed[i].parentNode) removed[i].parentNode.removeChild(removed[i]);
    }
    var out = [];
    plainText(fragment, out);
    return out.join('');
  }

  function tidy(text) {
    return text.split('\n')
      .map(function (line) { return line.replace(/^ +| +$/g, ''); })
      .filter(function (line) { return line !== ''; })
      .join('\n');
  }

  document.addEventListener('copy', function (e) {
    try {
      if (!e.clipboardData) return;
      var active = document.activeElement;
      if (active && (active.nodeName === 'INPUT' || active.nodeName === 'TEXTAREA')) return;
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return;
      var speeches = document.querySelectorAll('.ptx-speech');
      if (!speeches.length) return;
      var ranges = [];
      var touches = false;
      for (var i = 0; i < selection.rangeCount; i++) {
        var range = selection.getRangeAt(i);
        ranges.push(range);
        for (var j = 0; j < speeches.length && !touches; j++) {
          if (range.intersectsNode(speeches[j])) touches = true;
        }
      }
      if (!touches) return;
      var text = tidy(ranges.map(copiedText).join('\n'));
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    } catch (error) {
      // Fall back to the browser's own copy.
      if (window.console) console.warn('ptx: copy handler failed', error);
    }
  });
})();
