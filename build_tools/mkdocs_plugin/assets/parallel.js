/*
 * parallel.js: the reading toolbar shown above each page and what it drives.
 *
 *   - script switcher 繁 / 简 / 對照 (a radiogroup, on every page);
 *   - on speech pages: 注音 (off / source readings / every character),
 *     字形 (source / standard forms) and 突出不同 (mark characters that differ
 *     between the two columns, parallel view only), as aria-pressed buttons;
 *   - learner pinyin (ruby.ptx-auto) and difference marks (span.ptx-diff),
 *     added lazily to the paragraphs near the viewport;
 *   - copying: pinyin, editorial text and hidden script columns are kept out
 *     of the copied text;
 *   - note bubbles (.ptx-note) nudged to stay inside the viewport.
 *
 * Loaded at the end of <body>. With Material's instant navigation the page
 * content is swapped without a reload (the toolbar disappears with it), so
 * setup() runs on DOMContentLoaded and on every `document$` emission, and is
 * idempotent. Event handling is delegated to `document`, which survives the
 * swaps, so it is registered exactly once.
 *
 * Depends on window.ptx from early.js; a minimal stand-in is used if early.js
 * is missing so the toolbar still works (without persistence).
 */
(function () {
  'use strict';

  // Script included or evaluated twice: just set up the current page again.
  if (typeof window.__ptxParallelSetup === 'function') {
    window.__ptxParallelSetup();
    return;
  }

  var MODES = ['hant', 'hans', 'both'];
  var BUTTONS = [
    { script: 'hant', label: '繁', title: '繁體', lang: 'zh-Hant' },
    { script: 'hans', label: '简', title: '简体', lang: 'zh-Hans' },
    { script: 'both', label: '對照', title: '繁簡對照', lang: 'zh-Hant' }
  ];

  // Reading options. Visible labels use only characters that are written the
  // same in both scripts, so one label serves every reader; titles spell out
  // the meaning in Traditional / Simplified.
  var OPTION_VALUES = {
    pinyin: ['off', 'source', 'all'],
    forms: ['source', 'standard'],
    diff: ['off', 'on']
  };
  var OPTION_ATTRS = {
    pinyin: 'data-ptx-pinyin',
    forms: 'data-ptx-forms',
    diff: 'data-ptx-diff'
  };
  var OPTION_GROUPS = [
    {
      name: 'pinyin', label: '注音', caption: null,
      buttons: [
        { value: 'off', label: '不注音', title: '不顯示拼音 / 不显示拼音' },
        { value: 'source', label: '原文注音', title: '顯示原文的注音 / 显示原文的注音' },
        { value: 'all', label: '全部注音', title: '每個漢字都注上拼音（學習用） / 每个汉字都注上拼音（学习用）' }
      ]
    },
    {
      name: 'forms', label: '字形', caption: '字形',
      buttons: [
        { value: 'source', label: '原文', title: '照原文字形' },
        { value: 'standard', label: '正字', title: '改用標準字形 / 改用标准字形' }
      ]
    },
    {
      name: 'diff', label: '突出不同', caption: null, toggle: true,
      buttons: [
        { value: 'on', label: '突出不同', title: '標示繁簡不同的字（對照時） / 标示繁简不同的字（对照时）' }
      ]
    }
  ];

  // Simplified characters that stand for more than one Traditional character
  // (one-to-many conversions). Where such a character differs from the
  // Traditional column, its difference mark gets a title naming the
  // Traditional character the source has. Key: Simplified; value: the
  // Traditional characters it can stand for (for reference only: the title
  // always quotes the aligned character of the actual text).
  var ONE_TO_MANY = {
    '发': '發髮', '干': '幹乾干', '后': '後后', '里': '裡裏里', '面': '面麵',
    '余': '餘余', '系': '係繫系', '台': '臺檯颱台', '复': '復複覆', '获': '獲穫',
    '钟': '鐘鍾', '历': '歷曆', '只': '隻只', '松': '鬆松', '制': '製制',
    '冲': '衝沖', '斗': '鬥斗', '范': '範范', '征': '徵征', '尽': '盡儘'
  };

  var PINYIN_TABLE = 'pinyin-table.js';

  var root = document.documentElement;
  var hasOwn = Object.prototype.hasOwnProperty;

  function valid(value) {
    if (typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return MODES.indexOf(value) >= 0 ? value : null;
  }

  function validOption(name, value) {
    if (!hasOwn.call(OPTION_VALUES, name) || typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return OPTION_VALUES[name].indexOf(value) >= 0 ? value : null;
  }

  function dispatch(type, detail) {
    document.dispatchEvent(new CustomEvent(type, { detail: detail }));
  }

  // ---------------------------------------------------------------- API

  function fallbackScriptApi() {
    return {
      getScript: function () {
        return valid(root.getAttribute('data-ptx-script')) || 'both';
      },
      setScript: function (mode) {
        mode = valid(mode);
        if (!mode) return false;
        var previous = valid(root.getAttribute('data-ptx-script'));
        root.setAttribute('data-ptx-script', mode);
        dispatch('ptx:script', { script: mode, previous: previous, source: 'api' });
        return true;
      }
    };
  }

  function fallbackOptionApi() {
    return {
      getOption: function (name) {
        if (!hasOwn.call(OPTION_VALUES, name)) return null;
        return validOption(name, root.getAttribute(OPTION_ATTRS[name])) || OPTION_VALUES[name][0];
      },
      setOption: function (name, value) {
        value = validOption(name, value);
        if (!value) return false;
        var previous = validOption(name, root.getAttribute(OPTION_ATTRS[name]));
        root.setAttribute(OPTION_ATTRS[name], value);
        dispatch('ptx:option', { name: name, value: value, previous: previous, source: 'api' });
        return true;
      },
      optionValues: function (name) {
        return hasOwn.call(OPTION_VALUES, name) ? OPTION_VALUES[name].slice() : [];
      }
    };
  }

  function api() {
    if (!window.ptx || typeof window.ptx.setScript !== 'function') {
      window.ptx = Object.assign(window.ptx || {}, fallbackScriptApi());
    }
    if (typeof window.ptx.setOption !== 'function') {
      window.ptx = Object.assign(window.ptx, fallbackOptionApi());
    }
    return window.ptx;
  }

  function option(name) {
    return api().getOption(name);
  }

  // ---------------------------------------------------------------- toolbar

  function speechRoot() {
    return document.querySelector('.md-content .ptx-speech');
  }

  function makeButton(text, title, attrs) {
    var button = document.createElement('button');
    button.type = 'button';
    button.title = title;
    button.textContent = text;
    Object.keys(attrs).forEach(function (key) { button.setAttribute(key, attrs[key]); });
    return button;
  }

  function buildToolbar(withOptions) {
    var bar = document.createElement('div');
    bar.className = 'ptx-toolbar';
    // Marks the control as site chrome, not speech text (and keeps it out of
    // any search indexing that sees the rendered DOM).
    bar.setAttribute('data-editorial', '');
    bar.setAttribute('data-search-exclude', '');

    var scripts = document.createElement('div');
    scripts.className = 'ptx-tool ptx-tool--script';
    scripts.setAttribute('role', 'radiogroup');
    scripts.setAttribute('aria-label', '字體 / 字体');
    BUTTONS.forEach(function (spec) {
      scripts.appendChild(makeButton(spec.label, spec.title, {
        role: 'radio', 'data-script': spec.script, lang: spec.lang
      }));
    });
    bar.appendChild(scripts);

    if (!withOptions) return bar;
    OPTION_GROUPS.forEach(function (group) {
      var box = document.createElement('div');
      box.className = 'ptx-tool ptx-tool--' + group.name;
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', group.label);
      if (group.caption) {
        var caption = document.createElement('span');
        caption.className = 'ptx-tool__caption';
        caption.setAttribute('aria-hidden', 'true');
        caption.textContent = group.caption;
        box.appendChild(caption);
      }
      group.buttons.forEach(function (spec) {
        var attrs = { 'data-ptx-option': group.name, 'data-value': spec.value, 'aria-pressed': 'false' };
        if (group.toggle) attrs['data-toggle'] = '';
        box.appendChild(makeButton(spec.label, spec.title, attrs));
      });
      bar.appendChild(box);
    });
    return bar;
  }

  // Reflect the current state: aria-checked plus roving tabindex for the
  // script radios (only the checked one is in the tab order), aria-pressed
  // for the option buttons.
  function syncToolbars() {
    var mode = api().getScript();
    var radios = document.querySelectorAll('.ptx-toolbar [role="radio"][data-script]');
    for (var i = 0; i < radios.length; i++) {
      var checked = radios[i].getAttribute('data-script') === mode;
      radios[i].setAttribute('aria-checked', checked ? 'true' : 'false');
      radios[i].tabIndex = checked ? 0 : -1;
    }
    var buttons = document.querySelectorAll('.ptx-toolbar button[data-ptx-option]');
    for (var j = 0; j < buttons.length; j++) {
      var name = buttons[j].getAttribute('data-ptx-option');
      var pressed = option(name) === buttons[j].getAttribute('data-value');
      buttons[j].setAttribute('aria-pressed', pressed ? 'true' : 'false');
      if (name === 'diff') {
        // Only meaningful when both columns are shown; CSS hides it otherwise.
        if (mode === 'both') buttons[j].removeAttribute('aria-disabled');
        else buttons[j].setAttribute('aria-disabled', 'true');
      }
    }
  }

  function syncLang() {
    root.setAttribute('lang', api().getScript() === 'hans' ? 'zh-Hans' : 'zh-Hant');
  }

  function readURLOptions() {
    var params;
    try {
      params = new URLSearchParams(window.location.search);
    } catch (e) {
      return;
    }
    Object.keys(OPTION_VALUES).forEach(function (name) {
      var value = validOption(name, params.get(name));
      if (value && value !== option(name)) api().setOption(name, value);
    });
  }

  function setup() {
    try {
      // Instant navigation keeps this document alive, so ?script= must be
      // re-read here rather than only in early.js.
      var requested = null;
      try {
        requested = valid(new URLSearchParams(window.location.search).get('script'));
      } catch (e) { /* ignore malformed URL */ }
      if (requested) api().setScript(requested); // also saves it
      readURLOptions();

      var inner = document.querySelector('.md-content__inner');
      if (inner) {
        var bar = null;
        for (var child = inner.firstElementChild; child; child = child.nextElementSibling) {
          if (child.classList.contains('ptx-toolbar')) { bar = child; break; }
        }
        if (!bar) bar = buildToolbar(!!inner.querySelector('.ptx-speech'));
        if (inner.firstChild !== bar) inner.insertBefore(bar, inner.firstChild);
      }
      syncToolbars();
      syncLang();
    } catch (e) {
      // Never break Material's own document$ subscribers.
      if (window.console) console.error('ptx: setup failed', e);
    }
    try {
      annotator.attach(speechRoot());
    } catch (e) {
      if (window.console) console.error('ptx: annotation setup failed', e);
    }
  }

  function select(button) {
    var mode = valid(button.getAttribute('data-script'));
    if (mode) api().setScript(mode);
  }

  function press(button) {
    var name = button.getAttribute('data-ptx-option');
    var value = button.getAttribute('data-value');
    if (button.hasAttribute('data-toggle')) {
      // A single on/off button: pressing the pressed button switches it off.
      value = option(name) === value ? OPTION_VALUES[name][0] : value;
    }
    api().setOption(name, value);
  }

  // Space and Enter need no handler: they activate a <button> natively and
  // arrive here as clicks.
  document.addEventListener('click', function (e) {
    var target = e.target && e.target.closest && e.target.closest('.ptx-toolbar button');
    if (!target) return;
    if (target.matches('[role="radio"][data-script]')) select(target);
    else if (target.hasAttribute('data-ptx-option')) press(target);
  });

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var button = e.target && e.target.closest &&
      e.target.closest('.ptx-toolbar [role="radio"][data-script]');
    if (!button) return;
    var group = button.closest('[role="radiogroup"]') || button.closest('.ptx-toolbar');
    var buttons = Array.prototype.slice.call(
      group.querySelectorAll('[role="radio"][data-script]'));
    var index = buttons.indexOf(button);
    var last = buttons.length - 1;
    var next;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = index === last ? 0 : index + 1;
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = index === 0 ? last : index - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      default:
        return;
    }
    // Stop the page from scrolling and keep Material's global shortcuts out.
    e.preventDefault();
    e.stopPropagation();
    select(buttons[next]);
    buttons[next].focus();
  });

  // Any change, whatever its source (toolbar, API, another tab).
  document.addEventListener('ptx:script', function () {
    syncToolbars();
    syncLang();
    annotator.refresh();
  });

  document.addEventListener('ptx:option', function (e) {
    syncToolbars();
    var detail = e.detail || {};
    if (detail.name === 'diff' && detail.value === 'off') annotator.clearDiffs();
    annotator.refresh();
  });

  // ------------------------------------------------------ text annotation

  // Subtrees whose text is never annotated nor compared.
  var SKIP = 'rt, rp, .ptx-note, .ptx-std, .ptx-toolbar, [data-editorial], script, style, template';
  // Learner pinyin also leaves alone text that already has a reading, and
  // damaged text (mojibake: a reading would be nonsense).
  var SKIP_PINYIN = SKIP + ', ruby, .ptx-damage';
  var HEADINGS = 'h1, h2, h3, h4, h5, h6';

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

  // Wrap every character with a known reading in <ruby class="ptx-auto">.
  function addPinyin(element, table) {
    var nodes = textNodes(element, SKIP_PINYIN);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var text = node.data;
      var fragment = null;
      var plain = '';
      for (var ch of text) {
        if (!hasOwn.call(table, ch)) {
          plain += ch;
          continue;
        }
        if (!fragment) fragment = document.createDocumentFragment();
        if (plain) {
          fragment.appendChild(document.createTextNode(plain));
          plain = '';
        }
        var ruby = document.createElement('ruby');
        ruby.className = 'ptx-auto';
        ruby.appendChild(document.createTextNode(ch));
        var rt = document.createElement('rt');
        rt.setAttribute('data-editorial', '');
        rt.setAttribute('data-search-exclude', '');
        rt.textContent = table[ch];
        ruby.appendChild(rt);
        fragment.appendChild(ruby);
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
    var marks = [];
    for (var i = 0; i < a.length; i++) {
      if (a[i].ch === b[i].ch) continue;
      marks.push({ node: a[i].node, offset: a[i].offset, ch: a[i].ch });
      var title = hasOwn.call(ONE_TO_MANY, b[i].ch) ? '原文作「' + a[i].ch + '」' : '';
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

  // Finds the site root's assets/ptx/ directory: early.js knows where it was
  // loaded from; otherwise this file's own <script>, or Material's config.
  var ownScript = document.currentScript && document.currentScript.src;

  function tableURL() {
    try {
      var url = window.ptx && typeof window.ptx.assetURL === 'function' && window.ptx.assetURL(PINYIN_TABLE);
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
      (document.head || root).appendChild(script);
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

  // Units (paragraph pairs, headings) of the current speech are watched with
  // an IntersectionObserver; those near the viewport are queued and worked
  // on in idle time, a few at a time, so long pages stay responsive.
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
      return option('pinyin') === 'all';
    },

    wantsDiff: function () {
      return option('diff') === 'on' && api().getScript() === 'both';
    },

    attach: function (speech) {
      if (speech === this.speech && speech && speech.isConnected) {
        this.refresh();
        return;
      }
      this.detach();
      this.speech = speech;
      if (!speech) return;
      var candidates = speech.querySelectorAll('.ptx-pair, ' + HEADINGS);
      var units = [];
      for (var i = 0; i < candidates.length; i++) {
        var unit = candidates[i];
        if (unit.closest('[data-editorial]')) continue;
        var pair = versions(unit);
        if (pair.hant || pair.hans) units.push(unit);
      }
      this.units = units;
      var self = this;
      if (window.IntersectionObserver) {
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
        units.forEach(function (unit) { self.observer.observe(unit); });
      } else {
        units.forEach(function (unit) { self.near.add(unit); });
      }
      this.refresh();
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
      var pair = versions(unit);
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
        addPinyin(column, pinyinTable.get());
        return true;
      }
      if (this.wantsDiff() && !this.diffDone.has(unit)) {
        this.diffDone.add(unit);
        markDifferences(unit);
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
      var scope = this.speech || document;
      var spans = scope.querySelectorAll('span.ptx-diff');
      var parents = new Set();
      for (var i = 0; i < spans.length; i++) {
        var parent = unwrap(spans[i]);
        if (parent) parents.add(parent);
      }
      parents.forEach(function (parent) { parent.normalize(); });
      this.diffDone = new WeakSet();
    }
  };

  window.addEventListener('beforeprint', function () {
    try {
      annotator.processAll();
    } catch (e) { /* print what there is */ }
  });

  // ---------------------------------------------------------------- copying

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

  // ------------------------------------------------------------------ notes

  // The bubble is placed by CSS (centred above its mark). When that would
  // leave the viewport, nudge it sideways, or put it below the mark when
  // there is no room above (e.g. under Material's fixed header).
  var EDGE = 8;

  function placeNote(mark) {
    var note = null;
    for (var child = mark.firstElementChild; child; child = child.nextElementSibling) {
      if (child.classList.contains('ptx-note')) { note = child; break; }
    }
    if (!note) return;
    note.style.removeProperty('--ptx-note-dx');
    note.removeAttribute('data-ptx-place');
    var rect = note.getBoundingClientRect();
    if (!rect.width) return; // not shown (e.g. printing, or no hover)
    var width = root.clientWidth;
    var dx = 0;
    if (rect.left < EDGE) dx = EDGE - rect.left;
    else if (rect.right > width - EDGE) dx = Math.max(EDGE - rect.left, width - EDGE - rect.right);
    if (dx) note.style.setProperty('--ptx-note-dx', Math.round(dx) + 'px');
    var top = 0;
    var header = document.querySelector('.md-header');
    if (header) {
      var headerRect = header.getBoundingClientRect();
      if (headerRect.bottom > 0) top = headerRect.bottom;
    }
    if (rect.top < top + 2) note.setAttribute('data-ptx-place', 'below');
  }

  function onNoteTrigger(e) {
    var mark = e.target && e.target.closest && e.target.closest('.ptx-redaction, .ptx-damage');
    if (!mark) return;
    try {
      placeNote(mark);
    } catch (error) { /* the CSS placement stands */ }
  }

  document.addEventListener('mouseover', onNoteTrigger);
  document.addEventListener('focusin', onNoteTrigger);

  // Escape dismisses a note shown by keyboard focus.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var active = document.activeElement;
    if (active && active.matches && active.matches('.ptx-redaction, .ptx-damage')) active.blur();
  });

  // ------------------------------------------------------------------ start

  var subscribed = false;
  function subscribe() {
    if (subscribed || !window.document$ || typeof window.document$.subscribe !== 'function') return;
    subscribed = true;
    // document$ replays the current document, then emits after every instant
    // navigation once the new content is in place.
    window.document$.subscribe(function () { setup(); });
  }

  window.__ptxParallelSetup = setup;

  subscribe();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      subscribe(); // Material's bundle may have been loaded after this file
      setup();
    });
  } else {
    setup();
  }
})();
