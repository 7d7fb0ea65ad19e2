/*
 * Canned responses in the ticket page's reply box: typing "/" and a word lists the agent's own and
 * their team's responses that match (already filled for this ticket by the server:
 * {{customer.name}}, {{agent.name}}, {{ticket.id}}); arrow keys or the mouse pick one, Enter or a
 * click puts it in place of the "/word", Escape closes the list.
 */
(function () {
  'use strict';

  var main = document.querySelector('main[data-ticket-id]');
  if (!main) { return; }
  var ticketId = main.getAttribute('data-ticket-id');
  var menu = null;
  var items = [];
  var active = 0;
  var asked = 0;
  var timer = null;

  /** The "/word" just before the caret, if the caret ends one. */
  function slashWord(box) {
    var before = box.value.substring(0, box.selectionStart);
    var m = /(^|\s)\/([^\s\/]*)$/.exec(before);
    return m ? {start: before.length - m[2].length - 1, word: m[2]} : null;
  }

  function close() {
    if (menu) { menu.remove(); menu = null; }
    items = [];
  }

  function choose(box, index) {
    var at = slashWord(box);
    var chosen = items[index];
    if (!at || !chosen) { close(); return; }
    var end = box.selectionStart;
    box.value = box.value.substring(0, at.start) + chosen.text + box.value.substring(end);
    var caret = at.start + chosen.text.length;
    box.setSelectionRange(caret, caret);
    close();
    box.focus();
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }

  function show(box, found) {
    close();
    if (!found.length) { return; }
    items = found;
    active = 0;
    menu = document.createElement('ul');
    menu.className = 'canned-menu';
    menu.setAttribute('role', 'listbox');
    found.forEach(function (r, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('data-canned-id', r.id);
      if (i === 0) { li.className = 'active'; }
      var title = document.createElement('strong');
      title.textContent = r.title;
      var lang = document.createElement('span');
      lang.className = 'tag';
      lang.textContent = r.language + (r.scope === 'TEAM' ? ' · ' + r.team : '');
      var text = document.createElement('span');
      text.className = 'canned-text';
      text.textContent = r.text;
      li.appendChild(title);
      li.appendChild(lang);
      li.appendChild(text);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(box, i); });
      menu.appendChild(li);
    });
    box.parentNode.insertBefore(menu, box.nextSibling);
  }

  function mark() {
    Array.prototype.forEach.call(menu.children, function (li, i) { li.classList.toggle('active', i === active); });
  }

  document.addEventListener('input', function (e) {
    var box = e.target;
    if (!box.matches('form.reply textarea')) { return; }
    var at = slashWord(box);
    clearTimeout(timer);
    if (!at) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch('/workspace/tickets/' + encodeURIComponent(ticketId) + '/canned?q=' + encodeURIComponent(at.word),
          {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (mine === asked) { show(box, found); } })
        .catch(function () { close(); });
    }, 150);
  });

  document.addEventListener('keydown', function (e) {
    if (!menu || !e.target.matches('form.reply textarea')) { return; }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      mark();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choose(e.target, active);
    } else if (e.key === 'Escape') {
      // Closing the menu is all Escape does here (the page's shortcuts leave the field otherwise).
      e.preventDefault();
      close();
    }
  });

  document.addEventListener('focusout', function (e) {
    if (e.target.matches && e.target.matches('form.reply textarea')) { setTimeout(close, 150); }
  });
})();
