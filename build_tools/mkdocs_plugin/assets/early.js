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
 *
 * Reading options, decided the same way (URL parameter, then saved choice,
 * then the default; no browser-language fallback) and applied as attributes
 * on <html> so parallel.css can act before first paint:
 *
 *   name    attribute          localStorage   URL     values (default first)
 *   pinyin  data-ptx-pinyin    ptx.pinyin     pinyin  off | source | all
 *   forms   data-ptx-forms     ptx.forms      forms   source | standard
 *   diff    data-ptx-diff      ptx.diff       diff    off | on
 *
 * API: window.ptx.getOption(name), window.ptx.setOption(name, value),
 * window.ptx.optionValues(name); every change is announced as a `ptx:option`
 * CustomEvent on document (detail: { name, value, previous, source }).
 * window.ptx.assetURL(file) resolves a file next to this script
 * (assets/ptx/), for assets loaded on demand.
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

  function dispatch(type, detail) {
    var event;
    try {
      event = new CustomEvent(type, { detail: detail });
    } catch (e) {
      event = document.createEvent('CustomEvent');
      event.initCustomEvent(type, false, false, detail);
    }
    document.dispatchEvent(event);
  }

  function announce(mode, previous, source) {
    dispatch('ptx:script', { script: mode, previous: previous, source: source });
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

  // ---- reading options (pinyin, character forms, difference highlight) ----

  var OPTIONS = {
    pinyin: { values: ['off', 'source', 'all'], attr: 'data-ptx-pinyin', key: 'ptx.pinyin', param: 'pinyin' },
    forms: { values: ['source', 'standard'], attr: 'data-ptx-forms', key: 'ptx.forms', param: 'forms' },
    diff: { values: ['off', 'on'], attr: 'data-ptx-diff', key: 'ptx.diff', param: 'diff' }
  };

  function spec(name) {
    return Object.prototype.hasOwnProperty.call(OPTIONS, name) ? OPTIONS[name] : null;
  }

  function validOption(name, value) {
    var option = spec(name);
    if (!option || typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return option.values.indexOf(value) >= 0 ? value : null;
  }

  function optionFromURL(name) {
    try {
      return validOption(name, new URLSearchParams(window.location.search).get(OPTIONS[name].param));
    } catch (e) {
      return null;
    }
  }

  function loadOption(name) {
    try {
      return validOption(name, window.localStorage.getItem(OPTIONS[name].key));
    } catch (e) {
      return null;
    }
  }

  function saveOption(name, value) {
    try {
      window.localStorage.setItem(OPTIONS[name].key, value);
    } catch (e) { /* not persisted */ }
  }

  function syncOptionURL(name, value) {
    try {
      var param = OPTIONS[name].param;
      var url = new URL(window.location.href);
      if (!url.searchParams.has(param) || url.searchParams.get(param) === value) return;
      url.searchParams.set(param, value);
      window.history.replaceState(window.history.state, '', url.href);
    } catch (e) { /* see syncURL */ }
  }

  function currentOption(name) {
    return validOption(name, root.getAttribute(OPTIONS[name].attr));
  }

  function getOption(name) {
    var option = spec(name);
    if (!option) return null;
    return currentOption(name) || option.values[0];
  }

  function setOption(name, value, source) {
    value = validOption(name, value);
    if (!value) return false;
    var previous = currentOption(name);
    root.setAttribute(OPTIONS[name].attr, value);
    saveOption(name, value);
    syncOptionURL(name, value);
    dispatch('ptx:option', { name: name, value: value, previous: previous, source: source || 'api' });
    return true;
  }

  function optionValues(name) {
    var option = spec(name);
    return option ? option.values.slice() : [];
  }

  // Re-decide without the browser-language fallback: used when the page comes
  // back from the back/forward cache, where the choice may be stale.
  function reconcile(source) {
    Object.keys(OPTIONS).forEach(function (name) {
      var value = optionFromURL(name) || loadOption(name);
      var before = currentOption(name);
      if (!value || value === before) return;
      root.setAttribute(OPTIONS[name].attr, value);
      dispatch('ptx:option', { name: name, value: value, previous: before, source: source });
    });
    var mode = fromURL() || load();
    var previous = current();
    if (!mode || mode === previous) return;
    apply(mode);
    announce(mode, previous, source);
  }

  // Directory of this script (…/assets/ptx/), for assets loaded on demand.
  // Resolved now: document.currentScript only exists while this file runs.
  var assetBase = null;
  try {
    var self = document.currentScript;
    if (self && self.src) assetBase = new URL('.', self.src).href;
  } catch (e) { /* parallel.js has other ways to find the site root */ }

  function assetURL(file) {
    return assetBase ? assetBase + file : null;
  }

  // ---- initial decision (runs before first paint) ----
  var initial = fromURL();
  if (initial) {
    save(initial);
  } else {
    initial = load() || fromBrowser() || 'hant';
  }
  apply(initial);

  Object.keys(OPTIONS).forEach(function (name) {
    var value = optionFromURL(name);
    if (value) saveOption(name, value);
    else value = loadOption(name) || OPTIONS[name].values[0];
    root.setAttribute(OPTIONS[name].attr, value);
  });

  window.ptx = Object.assign(window.ptx || {}, {
    getScript: getScript,
    setScript: setScript,
    getOption: getOption,
    setOption: setOption,
    optionValues: optionValues,
    assetURL: assetURL,
    _early: true
  });

  // Another tab changed the choice: follow it (no save, it is already saved).
  window.addEventListener('storage', function (e) {
    var names = Object.keys(OPTIONS);
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      if (e.key !== OPTIONS[name].key) continue;
      var value = validOption(name, e.newValue);
      var before = currentOption(name);
      if (!value || value === before) return;
      root.setAttribute(OPTIONS[name].attr, value);
      syncOptionURL(name, value);
      dispatch('ptx:option', { name: name, value: value, previous: before, source: 'storage' });
      return;
    }
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
