/*
 * The rule designer: one textarea per file of the live rule set; a change is checked a moment after
 * typing stops (POST /designer/rules/check with the changed files), and the compiler's errors and the
 * failing test cases are listed, each a link to its line. Deploy sends the same draft to
 * /designer/rules/deploy, which refuses it (422, the same findings) unless it passes. Replay decides
 * the last routed tickets again with the draft's rules (POST /designer/rules/replay) and shows what
 * would change, queue by queue and ticket by ticket.
 */
(function () {
  'use strict';

  var main = document.querySelector('main.rule-designer');
  if (!main) { return; }
  var verdict = main.querySelector('.rule-results .verdict');
  var problems = main.querySelector('.rule-results .problems');
  var state = main.querySelector('.draft-state');
  var timer = null;
  var asked = 0;

  function boxes() { return Array.prototype.slice.call(main.querySelectorAll('.rule-file textarea')); }

  /** The files that differ from the live rules. */
  function draft() {
    var files = {};
    boxes().forEach(function (box) {
      if (box.value !== box.defaultValue) { files[box.getAttribute('data-name')] = box.value; }
    });
    return files;
  }

  function show(name) {
    Array.prototype.forEach.call(main.querySelectorAll('.rule-file'), function (f) {
      f.hidden = f.getAttribute('data-name') !== name;
    });
    Array.prototype.forEach.call(main.querySelectorAll('.rule-files button.file'), function (b) {
      b.classList.toggle('current', b.getAttribute('data-name') === name);
    });
  }

  function goTo(file, line) {
    var box = main.querySelector('.rule-file textarea[data-name="' + file + '"]');
    if (!box) { return; }
    show(file);
    var lines = box.value.split('\n');
    var start = 0;
    for (var i = 0; i < Math.max(0, line - 1) && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[Math.max(0, line - 1)] || '').length;
    box.focus();
    box.setSelectionRange(start, end);
    var lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 18;
    box.scrollTop = Math.max(0, (line - 5) * lineHeight);
  }

  function post(path, body) {
    var headers = {'Content-Type': 'application/json', Accept: 'application/json'};
    headers[main.getAttribute('data-csrf-header')] = main.getAttribute('data-csrf-token');
    return fetch(path, {method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body)});
  }

  function render(check) {
    problems.replaceChildren();
    var all = (check.compileErrors || []).concat(check.failingCases || []);
    all.forEach(function (p) {
      var li = document.createElement('li');
      li.className = 'problem';
      li.setAttribute('data-file', p.file);
      li.setAttribute('data-line', p.line);
      var where = document.createElement('a');
      where.href = '#';
      where.textContent = p.file + (p.line > 0 ? ' · ' + main.getAttribute('data-line').replace('{0}', p.line) : '');
      where.addEventListener('click', function (e) { e.preventDefault(); goTo(p.file, p.line); });
      li.appendChild(where);
      li.appendChild(document.createTextNode(' ' + p.message));
      problems.appendChild(li);
    });
    verdict.className = 'verdict ' + (check.valid ? 'valid' : 'invalid');
    verdict.textContent = (check.valid ? main.getAttribute('data-valid') : main.getAttribute('data-invalid'))
        .replace('{0}', check.cases).replace('{1}', all.length);
    Array.prototype.forEach.call(main.querySelectorAll('.rule-files button.file'), function (b) {
      var name = b.getAttribute('data-name');
      b.classList.toggle('has-problem', all.some(function (p) { return p.file === name; }));
    });
  }

  function check() {
    var files = draft();
    var changed = Object.keys(files);
    state.textContent = changed.length ? main.getAttribute('data-changed').replace('{0}', changed.join(', ')) : '';
    if (!changed.length) {
      // nothing to check: the live rules passed when they went live
      verdict.className = 'verdict';
      verdict.textContent = '';
      problems.replaceChildren();
      return;
    }
    var mine = ++asked;
    verdict.className = 'verdict checking';
    verdict.textContent = main.getAttribute('data-checking');
    post('/designer/rules/check', {files: files}).then(function (r) { return r.json(); }).then(function (result) {
      if (mine === asked) { render(result); }
    });
  }

  var replayBox = main.querySelector('.rule-replay');

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  /** The routing replay: the draft's rules over the last routed tickets, beside what each was routed to. */
  function replay() {
    replayBox.hidden = false;
    var summary = replayBox.querySelector('.summary');
    var load = replayBox.querySelector('table.load tbody');
    var changes = replayBox.querySelector('table.changes tbody');
    summary.className = 'summary';
    summary.textContent = main.getAttribute('data-replaying');
    load.replaceChildren();
    changes.replaceChildren();
    post('/designer/rules/replay', {files: draft()}).then(function (r) {
      return r.json().then(function (body) { return {status: r.status, body: body}; });
    }).then(function (answer) {
      if (answer.status !== 200) {
        summary.className = 'summary invalid';
        summary.textContent = (answer.body && answer.body.detail) || String(answer.status);
        return;
      }
      var result = answer.body;
      var names = result.names || {};
      function queue(id) { return names['queue.' + id] || id; }
      function outcome(o) { return queue(o.queue) + ' · ' + (names['priority.' + o.priority] || o.priority) + ' · ' + o.slaPolicy; }
      summary.textContent = main.getAttribute('data-replayed').replace('{0}', result.tickets).replace('{1}', result.changed);
      var queues = Object.keys(Object.assign({}, result.load.before, result.load.after)).sort();
      queues.forEach(function (id) {
        var row = document.createElement('tr');
        row.setAttribute('data-queue', id);
        var was = result.load.before[id] || 0;
        var now = result.load.after[id] || 0;
        if (was !== now) { row.className = 'changed'; }
        cell(row, queue(id));
        cell(row, String(was));
        cell(row, String(now));
        load.appendChild(row);
      });
      result.changes.slice(0, 50).forEach(function (change) {
        var row = document.createElement('tr');
        row.setAttribute('data-ticket-id', change.ticketId);
        var td = document.createElement('td');
        var link = document.createElement('a');
        link.href = main.getAttribute('data-ticket-path') + change.ticketId;
        link.textContent = '#' + change.ticketId;
        td.appendChild(link);
        row.appendChild(td);
        cell(row, outcome(change.before));
        cell(row, outcome(change.after));
        changes.appendChild(row);
      });
      replayBox.querySelector('table.changes').hidden = result.changes.length === 0;
    });
  }

  main.addEventListener('input', function (e) {
    if (!e.target.matches('.rule-file textarea')) { return; }
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });

  main.addEventListener('click', function (e) {
    var file = e.target.closest('.rule-files button.file');
    if (file) { show(file.getAttribute('data-name')); return; }
    if (e.target.closest('button.check')) { check(); return; }
    if (e.target.closest('button.replay')) { replay(); return; }
    if (e.target.closest('button.discard')) {
      boxes().forEach(function (box) { box.value = box.defaultValue; });
      check();
      return;
    }
    if (e.target.closest('button.deploy')) {
      var files = draft();
      if (!Object.keys(files).length) { return; }
      var button = e.target.closest('button.deploy');
      button.disabled = true;
      post('/designer/rules/deploy', {files: files}).then(function (r) {
        return r.json().then(function (body) { return {status: r.status, body: body}; });
      }).then(function (answer) {
        if (answer.status === 200) {
          verdict.className = 'verdict deployed';
          verdict.textContent = main.getAttribute('data-deployed').replace('{0}', answer.body.version);
          problems.replaceChildren();
          setTimeout(function () { location.reload(); }, 1200);
        } else if (answer.status === 422) {
          render(answer.body);
          verdict.className = 'verdict invalid refused';
          verdict.textContent = main.getAttribute('data-refused') + ' ' + verdict.textContent;
        } else {
          verdict.className = 'verdict invalid';
          verdict.textContent = (answer.body && answer.body.detail) || String(answer.status);
        }
      }).then(function () { button.disabled = false; });
    }
  });
})();
