/*
 * annotate.js: when the marks of marks.js are added. Learner pinyin (注音:
 * 全部注音) needs the pinyin table, loaded on demand; difference marks (突出不同)
 * are wanted in the parallel view only. The units (paragraph pairs, headings)
 * of the current speech are watched with an IntersectionObserver; those near
 * the viewport are queued and worked on in idle time, a few at a time, so long
 * pages stay responsive. Before printing everything is done at once.
 */
(function () {
  'use strict';

  var ptx = window.ptx;
  if (!ptx || typeof ptx.onPage !== 'function' || !ptx.marks || ptx.annotator) return;

  var marks = ptx.marks;
  var PINYIN_TABLE = 'pinyin-table.js';
  var HEADINGS = 'h1, h2, h3, h4, h5, h6';

  // Finds the site root's assets/ptx/ directory: early.js knows where it was
  // loaded from; otherwise this file's own <script>, or Material's config.
  var ownScript = document.currentScript && document.currentScript.src;

  function tableURL() {
    try {
      var url = ptx.assetURL(PINYIN_TABLE);
      if (url) return url;
    } catch (e) { /* fall through */ }
    if (ownScript) return new URL(PINYIN_TABLE, ownScript).href;
    try {
      var config = JSON.parse(document.getElementById('__config').textContent);
      return new URL(config.base.replace(/\/?$/, '/') + 'assets/ptx/' + PINYIN_TABLE, window.location.href).href;
    } catch (e) {
      return null;
    }
  }

  var pinyinTable = {
    state: 'idle', // idle | loading | ready | failed
    waiting: [],
    get: function () {
      return window.ptxPinyin && typeof window.ptxPinyin === 'object' ? window.ptxPinyin : null;
    },
    load: function (callback) {
      if (this.get()) {
        this.state = 'ready';
        callback();
        return;
      }
      if (this.state === 'failed') return;
      this.waiting.push(callback);
      if (this.state === 'loading') return;
      var url = tableURL();
      if (!url) {
        this.state = 'failed';
        return;
      }
      this.state = 'loading';
      this.inject(url);
    },
    inject: function (url) {
      var self = this;
      var script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.setAttribute('data-ptx-pinyin-table', '');
      script.onload = function () {
        self.state = self.get() ? 'ready' : 'failed';
        var callbacks = self.waiting;
        self.waiting = [];
        if (self.state === 'ready') callbacks.forEach(function (fn) { fn(); });
      };
      script.onerror = function () {
        self.state = 'failed';
        self.waiting = [];
        if (window.console) console.warn('ptx: could not load ' + url);
      };
      (document.head || document.documentElement).appendChild(script);
    }
  };

  var idle = window.requestIdleCallback
    ? function (fn) { return window.requestIdleCallback(fn, { timeout: 300 }); }
    : function (fn) {
      return window.setTimeout(function () {
        var start = Date.now();
        fn({ timeRemaining: function () { return Math.max(0, 12 - (Date.now() - start)); } });
      }, 16);
    };

  // The units of a speech that have text in either script.
  function unitsOf(speech) {
    var candidates = speech.querySelectorAll('.ptx-pair, ' + HEADINGS);
    var units = [];
    for (var i = 0; i < candidates.length; i++) {
      var unit = candidates[i];
      if (unit.closest('[data-editorial]')) continue;
      var pair = marks.versions(unit);
      if (pair.hant || pair.hans) units.push(unit);
    }
    return units;
  }

  var annotator = {
    speech: null,
    units: [],
    observer: null,
    near: new Set(),
    queue: [],
    queued: new Set(),
    scheduled: false,
    pinyinDone: new WeakSet(),
    diffDone: new WeakSet(),

    wantsPinyin: function () {
      return ptx.getOption('pinyin') === 'all';
    },

    wantsDiff: function () {
      return ptx.getOption('diff') === 'on' && ptx.getScript() === 'both';
    },

    attach: function (speech) {
      if (speech === this.speech && speech && speech.isConnected) {
        this.refresh();
        return;
      }
      this.detach();
      this.speech = speech;
      if (!speech) return;
      this.units = unitsOf(speech);
      this.watch();
      this.refresh();
    },

    watch: function () {
      var self = this;
      if (!window.IntersectionObserver) {
        this.units.forEach(function (unit) { self.near.add(unit); });
        return;
      }
      this.observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            self.near.add(entry.target);
            self.enqueue(entry.target);
          } else {
            self.near.delete(entry.target);
          }
        });
      }, { rootMargin: '100% 0px' });
      this.units.forEach(function (unit) { self.observer.observe(unit); });
    },

    detach: function () {
      if (this.observer) this.observer.disconnect();
      this.observer = null;
      this.speech = null;
      this.units = [];
      this.near = new Set();
      this.queue = [];
      this.queued = new Set();
    },

    // The wanted state changed: look again at everything near the viewport.
    refresh: function () {
      if (!this.speech) return;
      var self = this;
      if (this.wantsPinyin() && !pinyinTable.get()) {
        pinyinTable.load(function () { self.refresh(); });
      }
      this.near.forEach(function (unit) { self.enqueue(unit); });
    },

    // Pinyin is added per column (a paragraph or heading line), difference
    // marks per unit: small steps, each finished before the next starts.
    pinyinTodo: function (unit) {
      if (!this.wantsPinyin() || !pinyinTable.get()) return null;
      var pair = marks.versions(unit);
      if (pair.hant && !this.pinyinDone.has(pair.hant)) return pair.hant;
      if (pair.hans && !this.pinyinDone.has(pair.hans)) return pair.hans;
      return null;
    },

    pending: function (unit) {
      return !!this.pinyinTodo(unit) || (this.wantsDiff() && !this.diffDone.has(unit));
    },

    enqueue: function (unit) {
      if (this.queued.has(unit) || !this.pending(unit)) return;
      this.queued.add(unit);
      this.queue.push(unit);
      this.schedule();
    },

    schedule: function () {
      if (this.scheduled) return;
      this.scheduled = true;
      var self = this;
      idle(function (deadline) {
        self.scheduled = false;
        self.work(deadline);
      });
    },

    // Short slices even when the browser offers a long idle period, so a
    // key press or scroll never waits long behind this work.
    work: function (deadline) {
      var start = Date.now();
      while (this.queue.length) {
        var unit = this.queue[0];
        // Scrolled past before its turn: it is queued again when it comes back.
        if (!this.near.has(unit) || !unit.isConnected || !this.step(unit)) {
          this.queue.shift();
          this.queued.delete(unit);
        }
        if (Date.now() - start > 8 || (deadline && deadline.timeRemaining() < 2)) break;
      }
      if (this.queue.length) this.schedule();
    },

    // One step of work on a unit; false when there was nothing left to do.
    step: function (unit) {
      var column = this.pinyinTodo(unit);
      if (column) {
        this.pinyinDone.add(column);
        marks.addPinyin(column, pinyinTable.get());
        return true;
      }
      if (this.wantsDiff() && !this.diffDone.has(unit)) {
        this.diffDone.add(unit);
        marks.markDifferences(unit);
        return true;
      }
      return false;
    },

    // Everything at once (before printing: paper has no viewport to follow).
    processAll: function () {
      for (var i = 0; i < this.units.length; i++) {
        while (this.step(this.units[i])) { /* next step */ }
      }
    },

    clearDiffs: function () {
      marks.clearDifferences(this.speech || document);
      this.diffDone = new WeakSet();
    }
  };

  document.addEventListener('ptx:script', function () {
    annotator.refresh();
  });

  document.addEventListener('ptx:option', function (e) {
    var detail = e.detail || {};
    if (detail.name === 'diff' && detail.value === 'off') annotator.clearDiffs();
    annotator.refresh();
  });

  window.addEventListener('beforeprint', function () {
    try {
      annotator.processAll();
    } catch (e) { /* print what there is */ }
  });

  ptx.annotator = annotator;
  ptx.onPage(function () {
    annotator.attach(document.querySelector('.md-content .ptx-speech'));
  });
})();
