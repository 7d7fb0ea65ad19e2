/*
 * The supervisor console without reloads: one STOMP connection (/workspace/ws, the signed-in
 * session) subscribed to every ticket change (/topic/tasks) and every agent's presence and profile
 * change (/topic/agents). On either the page re-reads itself and swaps in the queues, the tickets
 * and the agents' rows (server-rendered, so nothing is rendered twice), keeping the tickets chosen
 * for reassignment and leaving alone an agent's row being edited. Waits count up every second.
 */
(function () {
  'use strict';

  var main = document.querySelector('main[data-live=supervisor]');
  if (!main || !window.KefuStomp) {
    return;
  }
  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var retry = 0;
  var refreshTimer = null;

  function chosen() {
    return Array.prototype.map.call(document.querySelectorAll('form.reassign input[name=ticket]:checked'),
        function (box) { return box.value; });
  }

  /** An agent's row whose form has focus or unsaved input is not replaced under the supervisor. */
  function editing(row) {
    if (row.contains(document.activeElement)) { return true; }
    return Array.prototype.some.call(row.querySelectorAll('input'), function (input) {
      return input.value !== input.defaultValue;
    });
  }

  function swap(selector, fresh) {
    var now = document.querySelector(selector);
    var then = fresh.querySelector(selector);
    if (now && then) { now.replaceWith(document.importNode(then, true)); }
  }

  function refresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      fetch(location.pathname, {credentials: 'same-origin', headers: {Accept: 'text/html'}}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        swap('.live-queues', fresh);
        var keep = chosen();
        var form = document.querySelector('form.reassign');
        var freshForm = fresh.querySelector('form.reassign');
        if (form && freshForm) {
          swap('form.reassign table.tickets tbody', fresh);
          keep.forEach(function (id) {
            var box = document.querySelector('form.reassign input[name=ticket][value="' + id + '"]');
            if (box) { box.checked = true; }
          });
        } else {
          swap('.live-tickets', fresh);
        }
        Array.prototype.forEach.call(fresh.querySelectorAll('.live-agents tbody tr[data-user-id]'), function (then) {
          var id = then.getAttribute('data-user-id');
          var now = document.querySelector('.live-agents tbody tr[data-user-id="' + id + '"]');
          if (!now) {
            document.querySelector('.live-agents tbody').appendChild(document.importNode(then, true));
          } else if (!editing(now)) {
            now.replaceWith(document.importNode(then, true));
          }
        });
        tick();
        main.setAttribute('data-refreshed', String(Date.now()));
      });
    }, 250);
  }

  function elapsed(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(s % 60);
  }

  /** Every "waiting since" shows how long, counted up here between updates. */
  function tick() {
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll('time.since[datetime]'), function (time) {
      var since = Date.parse(time.getAttribute('datetime'));
      if (!isNaN(since)) {
        if (!time.title) { time.title = time.textContent; }
        time.textContent = elapsed(now - since);
      }
    });
  }

  document.addEventListener('change', function (e) {
    if (e.target.matches('input.select-all')) {
      Array.prototype.forEach.call(document.querySelectorAll('form.reassign input[name=ticket]'), function (box) {
        box.checked = e.target.checked;
      });
    }
  });

  function connect() {
    var stomp = new window.KefuStomp(scheme + location.host + '/workspace/ws', {});
    stomp.onConnect = function () {
      retry = 0;
      stomp.subscribe('/user/queue/errors', function () {});
      stomp.subscribe('/topic/tasks', refresh);
      stomp.subscribe('/topic/agents', refresh);
      main.setAttribute('data-live-connected', 'true');
      // What changed while the page was loading or the connection was down.
      refresh();
    };
    stomp.onClose = function () {
      main.removeAttribute('data-live-connected');
      setTimeout(connect, Math.min(30000, 500 * Math.pow(2, retry++)));
    };
    stomp.connect();
  }

  tick();
  setInterval(tick, 1000);
  connect();
})();
