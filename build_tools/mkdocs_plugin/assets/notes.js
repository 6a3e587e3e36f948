/*
 * notes.js: the bubbles of redacted and damaged text (.ptx-note, shown by CSS
 * on hover and focus) kept inside the viewport; Escape dismisses a bubble
 * shown by keyboard focus.
 */
(function () {
  'use strict';

  // Needs none of the reader's choices: works without early.js too.
  var ptx = window.ptx = window.ptx || {};
  if (ptx.notes) return;
  ptx.notes = true;

  var root = document.documentElement;

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
})();
