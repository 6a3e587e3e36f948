/*
 * page.js: sets up every page the reader sees. With Material's instant
 * navigation the content is swapped without a reload (the toolbar goes with
 * it), so the page scripts' setups run on DOMContentLoaded and on every
 * `document$` emission, and each must be idempotent. Their event handlers
 * belong on `document`, which survives the swaps, and are registered once,
 * when their file runs.
 *
 * Loaded at the end of <body>, first of the page scripts, which are classic
 * scripts (they must work from file://, where modules are blocked) sharing
 * window.ptx:
 *
 *   early.js             (in <head>) the reader's choices, the only owner of them
 *   page.js              ptx.onPage(setup): run setup on every page
 *   parallel.js          the toolbar: script switcher and reading options
 *   one-to-many-table.js (generated) window.ptxOneToMany: 发 → 發髮 …
 *   marks.js             ptx.marks: learner pinyin and difference marks in the text
 *   annotate.js          when to mark: near the viewport, in idle time, all before printing
 *   copy.js              copying without pinyin, editorial text or the hidden script
 *   notes.js             note bubbles kept inside the viewport
 */
(function () {
  'use strict';

  var ptx = window.ptx;
  if (!ptx || typeof ptx.followURL !== 'function') {
    if (window.console) console.error('ptx: early.js is missing; the toolbar is off');
    return;
  }
  // Included or evaluated twice: just set up the current page again.
  if (typeof ptx.onPage === 'function') {
    ptx.setupPage();
    return;
  }

  var setups = [];
  var started = false;

  function run(setup) {
    try {
      setup();
    } catch (e) {
      // Never break Material's own document$ subscribers, nor the other setups.
      if (window.console) console.error('ptx: setup failed', e);
    }
  }

  function setupPage() {
    started = true;
    // Instant navigation keeps this document alive: the new address may ask
    // for a choice (?script=hans), which early.js cannot have seen.
    run(ptx.followURL);
    setups.forEach(run);
  }

  // Setups run in the order the scripts register them; one registered after
  // the first page was set up runs at once.
  function onPage(setup) {
    setups.push(setup);
    if (started) run(setup);
  }

  var subscribed = false;
  function subscribe() {
    if (subscribed || !window.document$ || typeof window.document$.subscribe !== 'function') return;
    subscribed = true;
    // document$ replays the current document, then emits after every instant
    // navigation once the new content is in place.
    window.document$.subscribe(function () { setupPage(); });
  }

  ptx.onPage = onPage;
  ptx.setupPage = setupPage;

  subscribe();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      subscribe(); // Material's bundle may have been loaded after this file
      setupPage();
    });
  } else {
    setupPage();
  }
})();
