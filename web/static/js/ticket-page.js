/*
 * The ticket page's own helpers, none of which needs the live connection: the SLA clocks and a
 * wait's follow-up time count down (or up, once overdue) every second; a related knowledge article goes into the reply at the
 * cursor; keyboard shortcuts for the frequent actions (listed on the page under "?"); forms that
 * change more than the ticket (merging two customers) ask first.
 */
(function () {
  'use strict';

  var main = document.querySelector('main[data-ticket-id]');
  if (!main) {
    return;
  }

  // --- SLA countdowns -------------------------------------------------------------------------
  var clocks = document.querySelectorAll('time.countdown');

  /** 3725 s → "1 h 2 min" (hours and minutes), 125 s → "2 min 5 s", in the page's units. */
  function span(seconds, units) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    if (h > 0) { return h + ' ' + units[0] + ' ' + m + ' ' + units[1]; }
    if (m > 0) { return m + ' ' + units[1] + ' ' + s + ' ' + units[2]; }
    return s + ' ' + units[2];
  }

  function tick() {
    var units = (main.getAttribute('data-units') || 'h,min,s').split(',');
    var now = Date.now();
    Array.prototype.forEach.call(clocks, function (t) {
      var due = Date.parse(t.getAttribute('datetime'));
      if (isNaN(due)) { return; }
      var left = Math.round((due - now) / 1000);
      var text = left >= 0 ? main.getAttribute('data-in') : main.getAttribute('data-overdue');
      t.textContent = text.replace('{0}', span(Math.abs(left), units));
      t.classList.toggle('overdue', left < 0);
      t.classList.toggle('due-soon', left >= 0 && left < 600);
      t.title = new Date(due).toLocaleString();
    });
  }

  if (clocks.length) {
    tick();
    setInterval(tick, 1000);
  }

  // --- A related article into the reply ---------------------------------------------------------
  function replyBox() {
    return document.querySelector('form.reply textarea');
  }

  function insertAtCursor(box, text) {
    var start = box.selectionStart == null ? box.value.length : box.selectionStart;
    var end = box.selectionEnd == null ? start : box.selectionEnd;
    var before = box.value.substring(0, start);
    var glue = before && !/\n$/.test(before) ? '\n\n' : '';
    box.value = before + glue + text + box.value.substring(end);
    var at = (before + glue + text).length;
    box.focus();
    box.setSelectionRange(at, at);
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest('button.insert-article');
    if (!button) { return; }
    var box = replyBox();
    if (!box) { return; }
    button.disabled = true;
    fetch('/workspace/tickets/' + encodeURIComponent(main.getAttribute('data-ticket-id')) + '/articles/'
        + encodeURIComponent(button.getAttribute('data-article-id')),
        {credentials: 'same-origin', headers: {Accept: 'application/json'}}).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (article) {
      insertAtCursor(box, article.title + '\n' + article.text);
      button.classList.add('inserted');
    }).catch(function () {
      button.classList.add('failed');
    }).then(function () {
      button.disabled = false;
    });
  });

  // --- Keyboard shortcuts -------------------------------------------------------------------------
  var help = document.querySelector('details.shortcuts');
  var pendingG = 0;

  function typingIn(target) {
    return target.closest('input, textarea, select, [contenteditable=""], [contenteditable=true]') !== null;
  }

  function focus(selector) {
    var field = document.querySelector(selector);
    if (field) {
      field.scrollIntoView({block: 'center'});
      field.focus();
    }
    return field !== null;
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.isComposing) { return; }
    if (typingIn(e.target)) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.matches('textarea')) {
        var form = e.target.closest('form');
        if (form && e.target.value.trim()) {
          e.preventDefault();
          form.requestSubmit();
        }
      } else if (e.key === 'Escape') {
        e.target.blur();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var done = true;
    if (pendingG && Date.now() - pendingG < 1500 && e.key === 'w') {
      location.href = '/workspace';
    } else if (e.key === 'g') {
      pendingG = Date.now();
    } else if (e.key === 'r') {
      done = focus('form.reply textarea');
    } else if (e.key === 'n') {
      done = focus('form.note textarea');
    } else if (e.key === 't') {
      done = focus('form.transfer select[name=queue]');
    } else if (e.key === 'c') {
      var claim = document.querySelector('button.claim');
      done = claim !== null;
      if (claim) { claim.click(); }
    } else if (e.key === '?') {
      if (help) { help.open = !help.open; help.scrollIntoView({block: 'nearest'}); }
    } else {
      done = false;
    }
    if (e.key !== 'g') { pendingG = 0; }
    if (done) { e.preventDefault(); }
  });

  // --- Confirm before what cannot be undone -----------------------------------------------------
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  });
})();
