/*
 * The workspace without reloads: one STOMP connection per page (/workspace/ws, the signed-in
 * session). The task list refreshes itself when a task of the agent's queues appears, is claimed
 * or goes; the ticket page shows the customer's new messages and typing as they come, tells the
 * customer's widget when the agent types and what they have read, and shows who else has the
 * ticket open and who of them types (collision detection). Kefu only lets a connection
 * subscribe to tickets and queues its agent may see.
 */
(function () {
  'use strict';

  var main = document.querySelector('main[data-live]');
  if (!main || !window.KefuStomp) {
    return;
  }
  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var ticketId = main.getAttribute('data-ticket-id');
  var queues = (main.getAttribute('data-queues') || '').split(',').filter(Boolean);
  var everyTicket = main.getAttribute('data-every-ticket') === 'true';
  var stomp = null;
  var retry = 0;
  var refreshTimer = null;

  /** Re-reads this page and swaps in the parts that changed (server-rendered, so nothing is duplicated here). */
  function refresh(selectors) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      fetch(location.href, {credentials: 'same-origin', headers: {Accept: 'text/html'}}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        selectors.forEach(function (selector) {
          var now = document.querySelector(selector);
          var then = fresh.querySelector(selector);
          if (now && then) { now.replaceWith(document.importNode(then, true)); }
        });
        if (!ticketId) { main.setAttribute('data-refreshed', String(Date.now())); }
      });
    }, 250);
  }

  function onTask() {
    refresh(ticketId ? ['dl.facts', '.ticket-actions', '.ticket-tools'] : ['main[data-live] .live-tasks']);
  }

  function onTicketEvent(e) {
    var typing = document.querySelector('.live-typing');
    if (e.type === 'message') {
      var transcript = document.querySelector('ol.transcript');
      if (!transcript || transcript.querySelector('li[data-seq="' + e.seq + '"]')) { return; }
      var li = document.createElement('li');
      li.className = e.author === 'customer' ? 'inbound' : 'outbound';
      li.setAttribute('data-seq', e.seq);
      var author = document.createElement('span');
      author.className = 'author';
      author.textContent = e.author === 'agent' ? e.authorName
          : e.author === 'customer' ? main.getAttribute('data-customer') : e.author;
      var time = document.createElement('time');
      time.textContent = (e.createdAt || '').replace('T', ' ').substring(0, 19);
      var body = document.createElement('p');
      body.textContent = e.text;
      li.appendChild(author);
      li.appendChild(time);
      if (e.author !== 'customer') {
        var receipt = document.createElement('small');
        receipt.className = 'receipt';
        li.appendChild(receipt);
      }
      li.appendChild(body);
      (e.attachments || []).forEach(function (a) {
        var link = document.createElement('a');
        link.href = '/workspace/attachments/' + a.id;
        link.target = '_blank';
        link.rel = 'noopener';
        if (a.image) {
          var img = document.createElement('img');
          img.src = link.href + '?thumbnail=true';
          img.alt = a.name;
          link.appendChild(img);
        }
        var name = document.createElement('span');
        name.textContent = a.name;
        link.appendChild(name);
        li.appendChild(link);
      });
      transcript.appendChild(li);
      if (e.author === 'customer') {
        if (typing) { typing.hidden = true; }
        if (document.visibilityState === 'visible') {
          stomp.send('/app/agent.read', {ticketId: Number(ticketId), seq: e.seq});
        }
      }
    } else if (e.type === 'typing' && e.author === 'customer' && typing) {
      typing.hidden = !e.typing;
    } else if (e.type === 'receipt' && e.author === 'customer') {
      // Receipts mean "up to seq"; read outranks delivered, and a label never goes back.
      Array.prototype.forEach.call(document.querySelectorAll('ol.transcript li.outbound'), function (li) {
        if (Number(li.getAttribute('data-seq')) > e.seq || li.classList.contains('read')) { return; }
        li.classList.remove('delivered');
        li.classList.add(e.status === 'read' ? 'read' : 'delivered');
        var label = li.querySelector('.receipt');
        if (label) { label.textContent = main.getAttribute('data-receipt-' + (e.status === 'read' ? 'read' : 'delivered')); }
      });
    } else if (e.type === 'task') {
      onTask();
    } else if (e.type === 'colleague') {
      onColleague(e);
    }
  }

  // --- Collision detection: who else has this ticket open, and who types a reply ----------------
  // Each page says "viewing" when it connects and every 15 s, "typing" while its agent types and
  // "left" when it goes; a colleague not heard from for 40 s has gone (a closed laptop says nothing).
  var me = main.getAttribute('data-me');
  var colleagues = {};

  function showColleagues() {
    var line = document.querySelector('p.colleagues');
    if (!line) { return; }
    var now = Date.now();
    var viewing = [];
    var names = [];
    var typing = false;
    Object.keys(colleagues).sort().forEach(function (user) {
      var c = colleagues[user];
      if (now - c.at > 40000) { delete colleagues[user]; return; }
      viewing.push(user);
      var types = c.typing && now - c.typingAt < 6000;
      typing = typing || types;
      names.push(types ? line.getAttribute('data-typing').replace('{0}', user) : user);
    });
    line.textContent = line.getAttribute('data-viewing').replace('{0}', names.join(', '));
    line.classList.toggle('typing', typing);
    line.setAttribute('data-viewers', viewing.join(','));
    line.hidden = viewing.length === 0;
  }

  function onColleague(e) {
    var user = e.authorName;
    if (!user || user === me) { return; }
    if (e.status === 'left') {
      delete colleagues[user];
    } else {
      var known = colleagues.hasOwnProperty(user);
      var c = colleagues[user] || {};
      c.at = Date.now();
      // A colleague who just came does not know of this page yet: tell them at once, not in 15 s.
      if (!known) { sayViewing(true); }
      c.typing = e.status === 'typing';
      if (c.typing) { c.typingAt = c.at; }
      colleagues[user] = c;
    }
    showColleagues();
  }

  function sayViewing(viewing) {
    if (ticketId && stomp && stomp.connected) {
      stomp.send('/app/agent.viewing', {ticketId: Number(ticketId), viewing: viewing});
    }
  }

  if (ticketId) {
    setInterval(function () { sayViewing(true); showColleagues(); }, 15000);
    window.addEventListener('pagehide', function () { sayViewing(false); });
  }

  /** A wait for the customer of this agent's ticket ran out: listed at the top of the page, linked. */
  function onFollowUp(e) {
    var aside = document.querySelector('aside.follow-ups');
    if (!aside) { return; }
    var list = aside.querySelector('ul');
    if (list.querySelector('li[data-ticket-id="' + e.ticketId + '"]')) { return; }
    var li = document.createElement('li');
    li.setAttribute('data-ticket-id', e.ticketId);
    var link = document.createElement('a');
    link.href = '/workspace/tickets/' + encodeURIComponent(e.ticketId);
    link.textContent = '#' + e.ticketId;
    li.appendChild(link);
    li.appendChild(document.createTextNode(' · ' + aside.getAttribute('data-due')));
    list.insertBefore(li, list.firstChild);
    aside.hidden = false;
  }

  /** A ticket escalated to a group this user is in: listed at the top of the page, newest first, linked. */
  function onEscalation(e) {
    if (e.type === 'follow_up') { onFollowUp(e); return; }
    var aside = document.querySelector('aside.escalations');
    if (!aside || e.type !== 'escalation') { return; }
    var list = aside.querySelector('ul');
    if (list.querySelector('li[data-ticket-id="' + e.ticketId + '"][data-level="' + e.position + '"]')) { return; }
    var li = document.createElement('li');
    li.setAttribute('data-ticket-id', e.ticketId);
    li.setAttribute('data-level', e.position);
    var link = document.createElement('a');
    link.href = '/workspace/tickets/' + encodeURIComponent(e.ticketId);
    link.textContent = '#' + e.ticketId;
    li.appendChild(link);
    var reason = aside.getAttribute('data-reason-' + String(e.code || '').toLowerCase()) || e.code;
    li.appendChild(document.createTextNode(' · ' + aside.getAttribute('data-level') + ' ' + e.position + ' ('
        + e.status + ') · ' + reason));
    list.insertBefore(li, list.firstChild);
    aside.hidden = false;
  }

  function connect() {
    stomp = new window.KefuStomp(scheme + location.host + '/workspace/ws', {});
    stomp.onConnect = function () {
      retry = 0;
      main.setAttribute('data-live-connected', 'true');
      stomp.subscribe('/user/queue/errors', function () {});
      stomp.subscribe('/user/queue/escalations', onEscalation);
      if (ticketId) {
        stomp.subscribe('/topic/tickets.' + ticketId, onTicketEvent);
        sayViewing(true);
        var last = document.querySelector('ol.transcript li.inbound:last-of-type');
        if (last && last.getAttribute('data-seq')) {
          stomp.send('/app/agent.read', {ticketId: Number(ticketId), seq: Number(last.getAttribute('data-seq'))});
        }
      } else if (everyTicket) {
        stomp.subscribe('/topic/tasks', onTask);
      } else {
        queues.forEach(function (q) { stomp.subscribe('/topic/queues.' + q, onTask); });
      }
    };
    stomp.onClose = function () {
      main.removeAttribute('data-live-connected');
      setTimeout(connect, Math.min(30000, 500 * Math.pow(2, retry++)));
    };
    stomp.connect();
  }

  // The agent's typing, shown in the customer's widget.
  if (ticketId) {
    var sent = 0;
    var stop = null;
    document.addEventListener('input', function (e) {
      if (!e.target.matches('form.reply textarea') || !stomp || !stomp.connected) { return; }
      var now = Date.now();
      if (now - sent > 2000) {
        stomp.send('/app/agent.typing', {ticketId: Number(ticketId), typing: true});
        sent = now;
      }
      clearTimeout(stop);
      stop = setTimeout(function () {
        if (stomp && stomp.connected) { stomp.send('/app/agent.typing', {ticketId: Number(ticketId), typing: false}); }
        sent = 0;
      }, 3000);
    });
  }

  connect();
})();
