/*
 * parallel.js: the reading toolbar shown above each page.
 *
 *   - script switcher 繁 / 简 / 對照 (a radiogroup, on every page);
 *   - on speech pages: 注音 (off / source readings / every character),
 *     字形 (source / standard forms) and 突出不同 (mark characters that differ
 *     between the two columns, parallel view only), as aria-pressed buttons.
 *
 * The buttons only ask window.ptx (early.js) for a change; the toolbar follows
 * every change, whatever its source (toolbar, API, another tab). What the
 * options do to the text is annotate.js's job. See page.js for the order of
 * the page scripts.
 */
(function () {
  'use strict';

  var ptx = window.ptx;
  if (!ptx || typeof ptx.onPage !== 'function' || ptx.toolbar) return;
  ptx.toolbar = true;

  var BUTTONS = [
    { script: 'hant', label: '繁', title: '繁體', lang: 'zh-Hant' },
    { script: 'hans', label: '简', title: '简体', lang: 'zh-Hans' },
    { script: 'both', label: '對照', title: '繁簡對照', lang: 'zh-Hant' }
  ];

  // Reading options. Visible labels use only characters that are written the
  // same in both scripts, so one label serves every reader; titles spell out
  // the meaning in Traditional / Simplified.
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

  var RADIOS = '.ptx-toolbar [role="radio"][data-script]';

  function makeButton(text, title, attrs) {
    var button = document.createElement('button');
    button.type = 'button';
    button.title = title;
    button.textContent = text;
    Object.keys(attrs).forEach(function (key) { button.setAttribute(key, attrs[key]); });
    return button;
  }

  function makeGroup(group) {
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
    return box;
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
    if (withOptions) OPTION_GROUPS.forEach(function (group) { bar.appendChild(makeGroup(group)); });
    return bar;
  }

  // Reflect the current state: aria-checked plus roving tabindex for the
  // script radios (only the checked one is in the tab order), aria-pressed
  // for the option buttons.
  function syncToolbars() {
    var mode = ptx.getScript();
    var radios = document.querySelectorAll(RADIOS);
    for (var i = 0; i < radios.length; i++) {
      var checked = radios[i].getAttribute('data-script') === mode;
      radios[i].setAttribute('aria-checked', checked ? 'true' : 'false');
      radios[i].tabIndex = checked ? 0 : -1;
    }
    var buttons = document.querySelectorAll('.ptx-toolbar button[data-ptx-option]');
    for (var j = 0; j < buttons.length; j++) {
      var name = buttons[j].getAttribute('data-ptx-option');
      var pressed = ptx.getOption(name) === buttons[j].getAttribute('data-value');
      buttons[j].setAttribute('aria-pressed', pressed ? 'true' : 'false');
      if (name === 'diff') {
        // Only meaningful when both columns are shown; CSS hides it otherwise.
        if (mode === 'both') buttons[j].removeAttribute('aria-disabled');
        else buttons[j].setAttribute('aria-disabled', 'true');
      }
    }
  }

  // The toolbar comes first in the page content, once.
  function placeToolbar() {
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
  }

  function select(button) {
    ptx.setScript(button.getAttribute('data-script'));
  }

  function press(button) {
    var name = button.getAttribute('data-ptx-option');
    var value = button.getAttribute('data-value');
    if (button.hasAttribute('data-toggle')) {
      // A single on/off button: pressing the pressed button switches it off.
      value = ptx.getOption(name) === value ? ptx.optionValues(name)[0] : value;
    }
    ptx.setOption(name, value);
  }

  // Arrow keys, Home and End move the choice within the radiogroup.
  function nextRadio(key, index, last) {
    switch (key) {
      case 'ArrowRight':
      case 'ArrowDown':
        return index === last ? 0 : index + 1;
      case 'ArrowLeft':
      case 'ArrowUp':
        return index === 0 ? last : index - 1;
      case 'Home':
        return 0;
      case 'End':
        return last;
      default:
        return null;
    }
  }

  // Space and Enter need no handler: they activate a <button> natively and
  // arrive here as clicks.
  document.addEventListener('click', function (e) {
    var target = e.target && e.target.closest && e.target.closest('.ptx-toolbar button');
    if (!target) return;
    if (target.matches(RADIOS)) select(target);
    else if (target.hasAttribute('data-ptx-option')) press(target);
  });

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var button = e.target && e.target.closest && e.target.closest(RADIOS);
    if (!button) return;
    var group = button.closest('[role="radiogroup"]') || button.closest('.ptx-toolbar');
    var buttons = Array.prototype.slice.call(group.querySelectorAll('[role="radio"][data-script]'));
    var next = nextRadio(e.key, buttons.indexOf(button), buttons.length - 1);
    if (next === null) return;
    // Stop the page from scrolling and keep Material's global shortcuts out.
    e.preventDefault();
    e.stopPropagation();
    select(buttons[next]);
    buttons[next].focus();
  });

  document.addEventListener('ptx:script', syncToolbars);
  document.addEventListener('ptx:option', syncToolbars);

  ptx.onPage(placeToolbar);
})();
