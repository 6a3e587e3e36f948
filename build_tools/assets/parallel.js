/*
 * parallel.js: the script switcher (繁 / 简 / 對照) shown above each page.
 *
 * Loaded at the end of <body>. With Material's instant navigation the page
 * content is swapped without a reload (the toolbar disappears with it), so
 * setup() runs on DOMContentLoaded and on every `document$` emission, and is
 * idempotent. Event handling is delegated to `document`, which survives the
 * swaps, so it is registered exactly once.
 *
 * Depends on window.ptx from early.js; a minimal stand-in is used if early.js
 * is missing so the switcher still works (without persistence).
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
  var root = document.documentElement;

  function valid(value) {
    if (typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return MODES.indexOf(value) >= 0 ? value : null;
  }

  function fallbackApi() {
    return {
      getScript: function () {
        return valid(root.getAttribute('data-ptx-script')) || 'both';
      },
      setScript: function (mode) {
        mode = valid(mode);
        if (!mode) return false;
        var previous = valid(root.getAttribute('data-ptx-script'));
        root.setAttribute('data-ptx-script', mode);
        document.dispatchEvent(new CustomEvent('ptx:script', {
          detail: { script: mode, previous: previous, source: 'api' }
        }));
        return true;
      }
    };
  }

  function api() {
    if (!window.ptx || typeof window.ptx.setScript !== 'function') {
      window.ptx = Object.assign(window.ptx || {}, fallbackApi());
    }
    return window.ptx;
  }

  function buildToolbar() {
    var bar = document.createElement('div');
    bar.className = 'ptx-toolbar';
    bar.setAttribute('role', 'radiogroup');
    bar.setAttribute('aria-label', '字體 / 字体');
    // Marks the control as site chrome, not speech text (and keeps it out of
    // any search indexing that sees the rendered DOM).
    bar.setAttribute('data-editorial', '');
    bar.setAttribute('data-search-exclude', '');
    BUTTONS.forEach(function (spec) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'radio');
      button.setAttribute('data-script', spec.script);
      button.setAttribute('lang', spec.lang);
      button.title = spec.title;
      button.textContent = spec.label;
      bar.appendChild(button);
    });
    return bar;
  }

  // Reflect the current mode: aria-checked plus roving tabindex (only the
  // checked radio is in the tab order).
  function syncToolbars() {
    var mode = api().getScript();
    var buttons = document.querySelectorAll('.ptx-toolbar [role="radio"][data-script]');
    for (var i = 0; i < buttons.length; i++) {
      var checked = buttons[i].getAttribute('data-script') === mode;
      buttons[i].setAttribute('aria-checked', checked ? 'true' : 'false');
      buttons[i].tabIndex = checked ? 0 : -1;
    }
  }

  function syncLang() {
    root.setAttribute('lang', api().getScript() === 'hans' ? 'zh-Hans' : 'zh-Hant');
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

      var inner = document.querySelector('.md-content__inner');
      if (inner) {
        var bar = null;
        for (var child = inner.firstElementChild; child; child = child.nextElementSibling) {
          if (child.classList.contains('ptx-toolbar')) { bar = child; break; }
        }
        if (!bar) bar = buildToolbar();
        if (inner.firstChild !== bar) inner.insertBefore(bar, inner.firstChild);
      }
      syncToolbars();
      syncLang();
    } catch (e) {
      // Never break Material's own document$ subscribers.
      if (window.console) console.error('ptx: setup failed', e);
    }
  }

  function select(button) {
    var mode = valid(button.getAttribute('data-script'));
    if (mode) api().setScript(mode);
  }

  // Space and Enter need no handler: they activate a <button> natively and
  // arrive here as clicks.
  document.addEventListener('click', function (e) {
    var button = e.target && e.target.closest &&
      e.target.closest('.ptx-toolbar [role="radio"][data-script]');
    if (button) select(button);
  });

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var button = e.target && e.target.closest &&
      e.target.closest('.ptx-toolbar [role="radio"][data-script]');
    if (!button) return;
    var group = button.closest('.ptx-toolbar');
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
  });

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
