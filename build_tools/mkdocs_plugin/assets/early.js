/*
 * early.js: the reader's choices, decided before first paint. Loaded
 * synchronously in <head>, so it must stay small, must not touch <body>, and
 * must never throw. It is the only code that reads, validates, saves or
 * announces a choice: the page scripts (page.js and the rest) go through
 * window.ptx.
 *
 * Each choice is decided the same way (URL parameter, then saved choice, then
 * the default) and applied as an attribute on <html>, so parallel.css can act
 * before first paint; a page without JavaScript (attributes absent) shows the
 * parallel view.
 *
 *   name    attribute          localStorage   URL     values (default first)
 *   script  data-ptx-script    ptx.script     script  hant | hans | both
 *   pinyin  data-ptx-pinyin    ptx.pinyin     pinyin  off | source | all
 *   forms   data-ptx-forms     ptx.forms      forms   source | standard
 *   diff    data-ptx-diff      ptx.diff       diff    off | on
 *
 * The script's default is the browser's language (Traditional without a zh*
 * one); it also sets <html lang="zh-Hant|zh-Hans">.
 *
 * API on window.ptx: getScript(), setScript(mode), announced as a `ptx:script`
 * CustomEvent on document (detail: { script, previous, source });
 * getOption(name), setOption(name, value), optionValues(name), announced as
 * `ptx:option` (detail: { name, value, previous, source }); followURL() applies
 * the address's parameters again (Material's instant navigation changes the
 * address without loading this file again); assetURL(file) resolves a file
 * next to this script (assets/ptx/), for assets loaded on demand.
 */
(function () {
  'use strict';

  // Already initialised (script included twice): keep the first instance so
  // listeners are not registered again.
  if (window.ptx && window.ptx._early) return;

  var root = document.documentElement;
  var hasOwn = Object.prototype.hasOwnProperty;
  var SCRIPT = { values: ['hant', 'hans', 'both'], attr: 'data-ptx-script', key: 'ptx.script', param: 'script' };
  var OPTIONS = {
    pinyin: { values: ['off', 'source', 'all'], attr: 'data-ptx-pinyin', key: 'ptx.pinyin', param: 'pinyin' },
    forms: { values: ['source', 'standard'], attr: 'data-ptx-forms', key: 'ptx.forms', param: 'forms' },
    diff: { values: ['off', 'on'], attr: 'data-ptx-diff', key: 'ptx.diff', param: 'diff' }
  };
  var OPTION_NAMES = Object.keys(OPTIONS);

  function setting(name) {
    return name === 'script' ? SCRIPT : OPTIONS[name];
  }

  function option(name) {
    return hasOwn.call(OPTIONS, name) ? OPTIONS[name] : null;
  }

  function valid(choice, value) {
    if (typeof value !== 'string') return null;
    value = value.trim().toLowerCase();
    return choice.values.indexOf(value) >= 0 ? value : null;
  }

  function fromURL(choice) {
    try {
      return valid(choice, new URLSearchParams(window.location.search).get(choice.param));
    } catch (e) {
      return null;
    }
  }

  // Storage can throw on file:// and in privacy modes; a failure simply means
  // "no saved choice".
  function load(choice) {
    try {
      return valid(choice, window.localStorage.getItem(choice.key));
    } catch (e) {
      return null;
    }
  }

  function save(choice, value) {
    try {
      window.localStorage.setItem(choice.key, value);
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

  // Keep an existing parameter (?script=, ?pinyin= …) in step with the choice,
  // so reloading or sharing the URL shows what the reader last picked.
  // history.state is passed through untouched: Material keeps scroll offsets there.
  function syncURL(choice, value) {
    try {
      var url = new URL(window.location.href);
      if (!url.searchParams.has(choice.param) || url.searchParams.get(choice.param) === value) return;
      url.searchParams.set(choice.param, value);
      window.history.replaceState(window.history.state, '', url.href);
    } catch (e) { /* e.g. some file:// setups refuse replaceState */ }
  }

  function apply(choice, value) {
    root.setAttribute(choice.attr, value);
    // Correct lang lets the browser pick the right CJK glyph variants; the
    // parallel view leads with Traditional, hence zh-Hant for "both".
    if (choice === SCRIPT) root.setAttribute('lang', value === 'hans' ? 'zh-Hans' : 'zh-Hant');
  }

  function current(choice) {
    return valid(choice, root.getAttribute(choice.attr));
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

  function announce(name, value, previous, source) {
    if (name === 'script') dispatch('ptx:script', { script: value, previous: previous, source: source });
    else dispatch('ptx:option', { name: name, value: value, previous: previous, source: source });
  }

  // The reader's own choice (or the address's): applied, saved, announced.
  function choose(name, value, source) {
    var choice = setting(name);
    var previous = current(choice);
    apply(choice, value);
    save(choice, value);
    syncURL(choice, value);
    announce(name, value, previous, source);
  }

  // A choice made elsewhere (another tab, or before the page came back from
  // the back/forward cache): applied and announced, not saved again.
  function follow(name, value, source, withURL) {
    var choice = setting(name);
    var previous = current(choice);
    if (!value || value === previous) return;
    apply(choice, value);
    if (withURL) syncURL(choice, value);
    announce(name, value, previous, source);
  }

  function getScript() {
    return current(SCRIPT) || 'both';
  }

  function setScript(mode) {
    mode = valid(SCRIPT, mode);
    if (!mode) return false;
    choose('script', mode, 'api');
    return true;
  }

  function getOption(name) {
    var choice = option(name);
    return choice ? current(choice) || choice.values[0] : null;
  }

  function setOption(name, value, source) {
    var choice = option(name);
    value = choice && valid(choice, value);
    if (!value) return false;
    choose(name, value, source || 'api');
    return true;
  }

  function optionValues(name) {
    var choice = option(name);
    return choice ? choice.values.slice() : [];
  }

  // The address asks for a choice: it wins, and is saved (the script even when
  // it is already shown, so the saved choice follows the address).
  function followURL() {
    var mode = fromURL(SCRIPT);
    if (mode) choose('script', mode, 'api');
    OPTION_NAMES.forEach(function (name) {
      var value = fromURL(OPTIONS[name]);
      if (value && value !== getOption(name)) choose(name, value, 'api');
    });
  }

  // Re-decide without the browser-language fallback: used when the page comes
  // back from the back/forward cache, where the choice may be stale.
  function reconcile(source) {
    OPTION_NAMES.forEach(function (name) {
      follow(name, fromURL(OPTIONS[name]) || load(OPTIONS[name]), source, false);
    });
    follow('script', fromURL(SCRIPT) || load(SCRIPT), source, false);
  }

  // Directory of this script (…/assets/ptx/), for assets loaded on demand.
  // Resolved now: document.currentScript only exists while this file runs.
  var assetBase = null;
  try {
    var self = document.currentScript;
    if (self && self.src) assetBase = new URL('.', self.src).href;
  } catch (e) { /* annotate.js has other ways to find the site root */ }

  function assetURL(file) {
    return assetBase ? assetBase + file : null;
  }

  // ---- initial decision (runs before first paint) ----
  function decide(choice, fallback) {
    var value = fromURL(choice);
    if (value) save(choice, value);
    else value = load(choice) || fallback();
    apply(choice, value);
  }

  decide(SCRIPT, function () { return fromBrowser() || 'hant'; });
  OPTION_NAMES.forEach(function (name) {
    decide(OPTIONS[name], function () { return OPTIONS[name].values[0]; });
  });

  window.ptx = Object.assign(window.ptx || {}, {
    getScript: getScript,
    setScript: setScript,
    getOption: getOption,
    setOption: setOption,
    optionValues: optionValues,
    followURL: followURL,
    assetURL: assetURL,
    _early: true
  });

  // Another tab changed a choice: follow it (no save, it is already saved).
  window.addEventListener('storage', function (e) {
    ['script'].concat(OPTION_NAMES).forEach(function (name) {
      var choice = setting(name);
      if (e.key === choice.key) follow(name, valid(choice, e.newValue), 'storage', true);
    });
  });

  window.addEventListener('pageshow', function (e) {
    if (e.persisted) reconcile('pageshow');
  });
})();
