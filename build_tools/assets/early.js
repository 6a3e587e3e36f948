/*
 * early.js: decides the script mode (Traditional / Simplified / both) before
 * first paint. Loaded synchronously in <head>, so it must stay tiny, must not
 * touch <body>, and must never throw.
 *
 * Result: <html data-ptx-script="hant|hans|both" lang="zh-Hant|zh-Hans">.
 * All hiding in parallel.css is keyed on that attribute, so a page without
 * JavaScript (attribute absent) falls back to the parallel view.
 *
 * API: window.ptx.getScript(), window.ptx.setScript(mode); every change is
 * announced as a `ptx:script` CustomEvent on document
 * (detail: { script, previous }).
 */
(function () {
  'use strict';

  var MODES = ['hant', 'hans', 'both'];
  var STORAGE_KEY = 'ptx.script';
  var PARAM = 'script';
  var root = document.documentElement;

  // Already initialised (script included twice): keep the first instance so
  // listeners are not registered again.
  if (window.ptx && window.ptx._early) return;

  function valid(value) {
    if (typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return MODES.indexOf(value) >= 0 ? value : null;
  }

  function fromURL() {
    try {
      return valid(new URLSearchParams(window.location.search).get(PARAM));
    } catch (e) {
      return null;
    }
  }

  // Storage can throw on file:// and in privacy modes; a failure simply means
  // "no saved choice".
  function load() {
    try {
      return valid(window.localStorage.getItem(STORAGE_KEY));
    } catch (e) {
      return null;
    }
  }

  function save(mode) {
    try {
      window.localStorage.setItem(STORAGE_KEY, mode);
    } catch (e) { /* not persisted; the choice still applies to this page */ }
  }

  // First zh* entry of the browser's language list decides. Script subtags
  // win over regions (zh-Hant-CN is Traditional). chs/cht are legacy
  // Windows tags. Only exact "zh" counts: "zha" (Zhuang) is another language.
  function fromBrowser() {
    var langs = [];
    try {
      langs = (navigator.languages && navigator.languages.length)
        ? navigator.languages
        : [navigator.language || navigator.userLanguage || ''];
    } catch (e) { /* no language info */ }
    for (var i = 0; i < langs.length; i++) {
      var parts = String(langs[i] || '').toLowerCase().replace(/_/g, '-').split('-');
      if (parts[0] !== 'zh') continue;
      if (parts.indexOf('hans') >= 0 || parts.indexOf('chs') >= 0) return 'hans';
      if (parts.indexOf('hant') >= 0 || parts.indexOf('cht') >= 0) return 'hant';
      if (parts.indexOf('cn') >= 0 || parts.indexOf('sg') >= 0) return 'hans';
      return 'hant'; // zh, zh-TW, zh-HK, zh-MO and any other zh variant
    }
    return null;
  }

  // Keep an existing ?script= parameter in step with the choice, so reloading
  // or sharing the URL shows what the reader last picked. history.state is
  // passed through untouched because Material keeps scroll offsets there.
  function syncURL(mode) {
    try {
      var url = new URL(window.location.href);
      if (!url.searchParams.has(PARAM) || url.searchParams.get(PARAM) === mode) return;
      url.searchParams.set(PARAM, mode);
      window.history.replaceState(window.history.state, '', url.href);
    } catch (e) { /* e.g. some file:// setups refuse replaceState */ }
  }

  function apply(mode) {
    root.setAttribute('data-ptx-script', mode);
    // Correct lang lets the browser pick the right CJK glyph variants; the
    // parallel view leads with Traditional, hence zh-Hant for "both".
    root.setAttribute('lang', mode === 'hans' ? 'zh-Hans' : 'zh-Hant');
  }

  function current() {
    return valid(root.getAttribute('data-ptx-script'));
  }

  function announce(mode, previous, source) {
    var detail = { script: mode, previous: previous, source: source };
    var event;
    try {
      event = new CustomEvent('ptx:script', { detail: detail });
    } catch (e) {
      event = document.createEvent('CustomEvent');
      event.initCustomEvent('ptx:script', false, false, detail);
    }
    document.dispatchEvent(event);
  }

  function getScript() {
    return current() || 'both';
  }

  function setScript(mode) {
    mode = valid(mode);
    if (!mode) return false;
    var previous = current();
    apply(mode);
    save(mode);
    syncURL(mode);
    announce(mode, previous, 'api');
    return true;
  }

  // Re-decide without the browser-language fallback: used when the page comes
  // back from the back/forward cache, where the choice may be stale.
  function reconcile(source) {
    var mode = fromURL() || load();
    var previous = current();
    if (!mode || mode === previous) return;
    apply(mode);
    announce(mode, previous, source);
  }

  // ---- initial decision (runs before first paint) ----
  var initial = fromURL();
  if (initial) {
    save(initial);
  } else {
    initial = load() || fromBrowser() || 'hant';
  }
  apply(initial);

  window.ptx = Object.assign(window.ptx || {}, {
    getScript: getScript,
    setScript: setScript,
    _early: true
  });

  // Another tab changed the choice: follow it (no save, it is already saved).
  window.addEventListener('storage', function (e) {
    if (e.key !== STORAGE_KEY) return;
    var mode = valid(e.newValue);
    var previous = current();
    if (!mode || mode === previous) return;
    apply(mode);
    syncURL(mode);
    announce(mode, previous, 'storage');
  });

  window.addEventListener('pageshow', function (e) {
    if (e.persisted) reconcile('pageshow');
  });
})();
