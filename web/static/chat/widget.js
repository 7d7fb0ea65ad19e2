/*
 * Kefu's web chat widget. Embed with one tag:
 *   <script src="https://kefu.example/chat/widget.js" data-channel-key="KEY" defer></script>
 * Optional: data-external-id + data-user-hash (the customer, signed by the host site's server with
 * the channel's secret), data-name, data-email, data-lang (zh or en; default the page's language),
 * data-open="true" (open at once). When the channel asks for the pre-chat form (name, e-mail), an
 * anonymous visitor fills it in before the first message. Everything is served by Kefu; the wire protocol is
 * docs/CHANNELS.md. The panel lives in a shadow root, so the host page's styles do not reach it.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__kefuChat) {
    return;
  }
  window.__kefuChat = true;
  var base = new URL(script.src, document.baseURI);
  var origin = base.origin;
  var channelKey = script.getAttribute('data-channel-key');
  var data = function (name) { return script.getAttribute('data-' + name) || null; };
  var lang = (data('lang') || document.documentElement.lang || navigator.language || 'en').toLowerCase()
      .indexOf('zh') === 0 ? 'zh' : 'en';
  var TEXT = {
    en: {
      open: 'Chat with us', title: 'Chat', close: 'Close', placeholder: 'Type a message…', send: 'Send',
      attach: 'Attach a file', greeting: 'Hi! How can we help you today?',
      offline: 'No agent is online right now. Leave your message: we will answer here as soon as we can.',
      typing: 'typing…', sending: 'sending…', failed: 'not sent', read: 'read', reconnecting: 'Reconnecting…',
      bot: 'Assistant', you: 'You', tooLarge: 'The file is too large.', refused: 'This file type is not accepted.',
      delivered: 'delivered', preChatIntro: 'Before we start: tell us who you are, so we can answer you here or by e-mail.',
      name: 'Your name', email: 'Your e-mail address', start: 'Start chat',
      badName: 'Please enter your name (at most 200 characters).',
      badEmail: 'Please enter a valid e-mail address, such as li.wei@example.com.',
      leave: 'Leave the queue', left: 'You left the queue. Write again whenever you like.'
    },
    zh: {
      open: '在线咨询', title: '在线客服', close: '关闭', placeholder: '请输入消息…', send: '发送',
      attach: '发送文件', greeting: '您好！请问有什么可以帮您？',
      offline: '目前没有客服在线。请留言，我们会尽快在这里回复您。',
      typing: '正在输入…', sending: '发送中…', failed: '未发送', read: '已读', reconnecting: '正在重新连接…',
      bot: '智能助手', you: '我', tooLarge: '文件太大。', refused: '不支持此类文件。',
      delivered: '已送达', preChatIntro: '开始之前，请留下您的称呼和电子邮箱，方便我们在这里或通过邮件回复您。',
      name: '您的称呼', email: '您的电子邮箱', start: '开始咨询',
      badName: '请填写您的称呼（最多 200 个字符）。',
      badEmail: '请填写有效的电子邮箱，例如 li.wei@example.com。',
      leave: '不等了，离开排队', left: '您已离开排队。需要帮助时随时再留言。'
    }
  }[lang];

  var storageKey = 'kefu.chat.' + channelKey + '.token';
  var state = {token: null, lastSeq: 0, seen: {}, pending: {}, stomp: null, retry: 0, open: false, name: null,
    preChat: false, receiptSent: {delivered: 0, read: 0}, receiptTimer: null};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  /** A paperclip icon (SVG: no emoji font needed). */
  function paperclip() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '1.8');
    path.setAttribute('stroke-linecap', 'round');
    svg.appendChild(path);
    return svg;
  }

  // ---- the panel
  var host = el('div');
  host.setAttribute('data-kefu-chat', '');
  var root = host.attachShadow ? host.attachShadow({mode: 'open'}) : host;
  var css = el('link');
  css.rel = 'stylesheet';
  css.href = origin + '/chat/widget.css';
  root.appendChild(css);
  var launcher = el('button', 'kefu-launcher', TEXT.open);
  launcher.type = 'button';
  var panel = el('section', 'kefu-panel kefu-hidden');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('lang', lang);
  var header = el('header', 'kefu-header');
  var title = el('span', 'kefu-title', TEXT.title);
  var closeButton = el('button', 'kefu-close', '×');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', TEXT.close);
  header.appendChild(title);
  header.appendChild(closeButton);
  var notice = el('div', 'kefu-notice kefu-hidden');
  // Shown while the customer waits in the queue: leaving closes the waiting ticket as abandoned.
  var leaveButton = el('button', 'kefu-leave kefu-hidden', TEXT.leave);
  leaveButton.type = 'button';
  var list = el('ol', 'kefu-messages');
  list.setAttribute('aria-live', 'polite');
  var typing = el('div', 'kefu-typing kefu-hidden', TEXT.typing);
  // The pre-chat form: shown in place of the conversation until the visitor has answered it.
  var preChat = el('form', 'kefu-prechat kefu-hidden');
  preChat.noValidate = true;
  preChat.appendChild(el('p', 'kefu-prechat-intro', TEXT.preChatIntro));
  function field(label, type, name, autocomplete, max) {
    var wrap = el('label', 'kefu-field');
    wrap.appendChild(el('span', null, label));
    var box = el('input');
    box.type = type;
    box.name = name;
    box.required = true;
    box.maxLength = max;
    box.autocomplete = autocomplete;
    wrap.appendChild(box);
    preChat.appendChild(wrap);
    return box;
  }
  var nameInput = field(TEXT.name, 'text', 'name', 'name', 200);
  var emailInput = field(TEXT.email, 'email', 'email', 'email', 254);
  var preChatError = el('p', 'kefu-prechat-error kefu-hidden');
  preChatError.setAttribute('role', 'alert');
  preChat.appendChild(preChatError);
  var preChatButton = el('button', 'kefu-start', TEXT.start);
  preChatButton.type = 'submit';
  preChat.appendChild(preChatButton);
  var form = el('form', 'kefu-form');
  var attach = el('button', 'kefu-attach');
  attach.appendChild(paperclip());
  attach.type = 'button';
  attach.title = TEXT.attach;
  attach.setAttribute('aria-label', TEXT.attach);
  var file = el('input');
  file.type = 'file';
  file.accept = 'image/png,image/jpeg,image/webp,image/gif,application/pdf,text/plain';
  file.className = 'kefu-hidden';
  var input = el('textarea', 'kefu-input');
  input.rows = 1;
  input.maxLength = 10000;
  input.placeholder = TEXT.placeholder;
  var sendButton = el('button', 'kefu-send', TEXT.send);
  sendButton.type = 'submit';
  form.appendChild(attach);
  form.appendChild(file);
  form.appendChild(input);
  form.appendChild(sendButton);
  panel.appendChild(header);
  panel.appendChild(notice);
  panel.appendChild(leaveButton);
  panel.appendChild(preChat);
  panel.appendChild(list);
  panel.appendChild(typing);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  function show(open) {
    state.open = open;
    panel.classList.toggle('kefu-hidden', !open);
    launcher.classList.toggle('kefu-hidden', open);
    if (open) {
      (state.preChat ? nameInput : input).focus();
      markRead();
    }
  }

  // The pre-chat form instead of the conversation, or the conversation again.
  function showPreChat(ask) {
    state.preChat = ask;
    preChat.classList.toggle('kefu-hidden', !ask);
    [list, typing, form].forEach(function (part) { part.classList.toggle('kefu-hidden', ask); });
    if (!ask) { typing.classList.add('kefu-hidden'); }
    if (ask && state.open) { nameInput.focus(); }
  }

  // The notice line: "nobody online" (from ack, resume, notice) and the queue place (queue_position).
  function showNotice() {
    var text = [state.offline ? TEXT.offline : '', state.queueText || ''].filter(Boolean).join(' ');
    notice.textContent = text;
    notice.classList.toggle('kefu-hidden', !text);
    leaveButton.classList.toggle('kefu-hidden', !state.queueText);
  }

  // A passing word (reconnecting, an upload refused, an error) in place of the notice line.
  function setNotice(text) {
    notice.textContent = text || '';
    notice.classList.toggle('kefu-hidden', !text);
  }

  function setOffline(offline) {
    state.offline = offline;
    showNotice();
  }

  function item(author, text, meta) {
    var li = el('li', 'kefu-msg kefu-' + author);
    if (author !== 'customer') {
      li.appendChild(el('span', 'kefu-author', meta.authorName || (author === 'bot' ? TEXT.bot : state.name || TEXT.title)));
    }
    var bubble = el('div', 'kefu-bubble');
    bubble.textContent = text;
    li.appendChild(bubble);
    (meta.attachments || []).forEach(function (a) { li.appendChild(attachmentView(a)); });
    var status = el('span', 'kefu-status', meta.status || '');
    li.appendChild(status);
    li.statusNode = status;
    return li;
  }

  function attachmentView(a) {
    var link = el('a', 'kefu-attachment');
    link.href = origin + '/chat/api/attachments/' + a.id + '?visitorToken=' + encodeURIComponent(state.token);
    link.target = '_blank';
    link.rel = 'noopener';
    if (a.image) {
      var img = el('img');
      img.src = link.href + '&thumbnail=true';
      img.alt = a.name;
      link.appendChild(img);
    } else {
      link.textContent = a.name;
    }
    return link;
  }

  function insertInOrder(li, seq) {
    li.setAttribute('data-seq', seq);
    var after = null;
    Array.prototype.forEach.call(list.children, function (child) {
      var s = Number(child.getAttribute('data-seq'));
      if (s && s < seq) { after = child; }
    });
    if (after && after.nextSibling) {
      list.insertBefore(li, after.nextSibling);
    } else if (!after && list.firstChild && Number(list.firstChild.getAttribute('data-seq'))) {
      list.insertBefore(li, list.firstChild);
    } else {
      list.appendChild(li);
    }
    list.scrollTop = list.scrollHeight;
  }

  function render(m) {
    if (state.seen[m.seq]) {
      return;
    }
    state.seen[m.seq] = true;
    state.lastSeq = Math.max(state.lastSeq, m.seq);
    var pending = m.clientMessageId && state.pending[m.clientMessageId];
    if (pending) {
      pending.node.remove();
      delete state.pending[m.clientMessageId];
    }
    insertInOrder(item(m.author, m.text, m), m.seq);
    if (m.author !== 'customer') {
      typing.classList.add('kefu-hidden');
      markRead();
    }
    if (m.author === 'agent') {
      setNotice('');
    }
  }

  // Receipts say "up to seq": one after a burst of messages, and only when it says something new.
  function markRead() {
    clearTimeout(state.receiptTimer);
    state.receiptTimer = setTimeout(function () {
      var status = state.open && !state.preChat ? 'read' : 'delivered';
      if (!state.stomp || !state.lastSeq || state.receiptSent[status] >= state.lastSeq) { return; }
      state.receiptSent[status] = state.lastSeq;
      if (status === 'read') { state.receiptSent.delivered = Math.max(state.receiptSent.delivered, state.lastSeq); }
      state.stomp.send('/app/chat.receipt', {seq: state.lastSeq, status: status});
    }, 300);
  }

  function markReadByAgent(seq) {
    Array.prototype.forEach.call(list.querySelectorAll('.kefu-customer'), function (li) {
      if (Number(li.getAttribute('data-seq')) <= seq) { li.statusNode.textContent = TEXT.read; }
    });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function send(text) {
    var id = newId();
    var node = item('customer', text, {status: TEXT.sending});
    list.appendChild(node);
    list.scrollTop = list.scrollHeight;
    state.pending[id] = {text: text, node: node};
    if (state.stomp) {
      state.stomp.send('/app/chat.send', {clientMessageId: id, text: text});
    }
  }

  // ---- events from Kefu
  function onEvent(e) {
    if (e.type === 'message') {
      render(e);
      if (e.author === 'agent' && state.queueText) {
        state.queueText = '';
        showNotice();
      }
    } else if (e.type === 'notice' && e.code === 'queue_position') {
      state.queueText = e.text;
      showNotice();
    } else if (e.type === 'ack') {
      var p = state.pending[e.clientMessageId];
      if (p) { p.node.statusNode.textContent = ''; }
      setOffline(e.agentsOnline === false);
    } else if (e.type === 'resume') {
      e.messages.forEach(render);
      if (e.receipts) {
        markReadByAgent(e.receipts.agentReadSeq);
        state.receiptSent.delivered = Math.max(state.receiptSent.delivered, e.receipts.deliveredSeq);
        state.receiptSent.read = Math.max(state.receiptSent.read, e.receipts.readSeq);
        markRead();
      }
      if (e.more) {
        state.stomp.send('/app/chat.resume', {lastSeq: state.lastSeq});
      }
      setOffline(e.agentsOnline === false);
      if (!list.children.length) {
        list.appendChild(item('bot', TEXT.greeting, {}));
      }
    } else if (e.type === 'typing' && e.author === 'agent') {
      typing.classList.toggle('kefu-hidden', !e.typing);
    } else if (e.type === 'receipt' && e.author === 'agent') {
      markReadByAgent(e.seq);
    } else if (e.type === 'notice') {
      setOffline(e.agentsOnline === false);
    }
  }

  function onError(e) {
    if (e.code === 'pre_chat_required') {
      showPreChat(true);
    }
    var p = e.clientMessageId && state.pending[e.clientMessageId];
    if (p) {
      p.node.statusNode.textContent = TEXT.failed + ' — ' + e.text;
      delete state.pending[e.clientMessageId];
    }
  }

  // ---- connection
  function start(retryWithoutToken) {
    var body = {channelKey: channelKey, visitorToken: retryWithoutToken ? null : localStorage.getItem(storageKey),
      externalId: data('external-id'), userHash: data('user-hash'), name: data('name'), email: data('email')};
    fetch(origin + '/chat/api/visitors', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body)}).then(function (r) {
      if (r.status === 401 && !retryWithoutToken) {
        localStorage.removeItem(storageKey);
        return start(true);
      }
      if (!r.ok) {
        throw new Error('chat not available: ' + r.status);
      }
      return r.json().then(function (session) {
        state.token = session.visitorToken;
        state.name = session.channelName;
        title.textContent = session.channelName;
        localStorage.setItem(storageKey, session.visitorToken);
        setOffline(!session.agentsOnline);
        showPreChat(session.preChatForm === true);
        connect();
      });
    }).catch(function (err) {
      setNotice(String(err.message || err));
    });
  }

  function connect() {
    var url = origin.replace(/^http/, 'ws') + '/chat/ws?channelKey=' + encodeURIComponent(channelKey);
    var stomp = new window.KefuStomp(url, {'visitor-token': state.token});
    stomp.onConnect = function () {
      state.retry = 0;
      state.stomp = stomp;
      stomp.subscribe('/user/queue/chat', onEvent);
      stomp.subscribe('/user/queue/errors', onError);
      stomp.send('/app/chat.resume', {lastSeq: state.lastSeq});
      // Messages written while disconnected: resent with their ids, stored once.
      Object.keys(state.pending).forEach(function (id) {
        stomp.send('/app/chat.send', {clientMessageId: id, text: state.pending[id].text});
      });
    };
    stomp.onClose = function () {
      state.stomp = null;
      setNotice(TEXT.reconnecting);
      var delay = Math.min(30000, 500 * Math.pow(2, state.retry++));
      setTimeout(function () { start(false); }, delay);
    };
    stomp.connect();
  }

  // ---- the visitor's hands
  var typingSent = 0;
  var typingStop = null;
  input.addEventListener('input', function () {
    if (!state.stomp) { return; }
    var now = Date.now();
    if (now - typingSent > 2000) {
      state.stomp.send('/app/chat.typing', {typing: true});
      typingSent = now;
    }
    clearTimeout(typingStop);
    typingStop = setTimeout(function () {
      if (state.stomp) { state.stomp.send('/app/chat.typing', {typing: false}); }
      typingSent = 0;
    }, 3000);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : sendButton.click();
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (text) {
      send(text);
      input.value = '';
    }
  });
  attach.addEventListener('click', function () { file.click(); });
  file.addEventListener('change', function () {
    var chosen = file.files[0];
    file.value = '';
    if (!chosen || !state.token) { return; }
    var upload = new FormData();
    upload.append('file', chosen);
    upload.append('clientMessageId', newId());
    fetch(origin + '/chat/api/attachments', {method: 'POST', headers: {'X-Kefu-Visitor-Token': state.token},
      body: upload}).then(function (r) {
      if (r.status === 413) { setNotice(TEXT.tooLarge); }
      else if (r.status === 415) { setNotice(TEXT.refused); }
    });
  });
  preChat.addEventListener('submit', function (e) {
    e.preventDefault();
    var name = nameInput.value.trim();
    var email = emailInput.value.trim();
    var wrong = !name || name.length > 200 ? TEXT.badName : !emailInput.checkValidity() || !email ? TEXT.badEmail : null;
    preChatError.textContent = wrong || '';
    preChatError.classList.toggle('kefu-hidden', !wrong);
    if (wrong || !state.token) { return; }
    preChatButton.disabled = true;
    fetch(origin + '/chat/api/visitors/current/contact', {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Kefu-Visitor-Token': state.token},
      body: JSON.stringify({name: name, email: email})}).then(function (r) {
      preChatButton.disabled = false;
      if (r.ok) {
        showPreChat(false);
        input.focus();
        return null;
      }
      return r.json().then(function (problem) {
        var detail = String((problem && problem.detail) || '');
        preChatError.textContent = detail.indexOf('email') === 0 ? TEXT.badEmail : TEXT.badName;
        preChatError.classList.remove('kefu-hidden');
      });
    }).catch(function (err) {
      preChatButton.disabled = false;
      setNotice(String(err.message || err));
    });
  });
  leaveButton.addEventListener('click', function () {
    leaveButton.disabled = true;
    fetch(origin + '/chat/api/visitors/current/leave', {method: 'POST',
      headers: {'X-Kefu-Visitor-Token': state.token}}).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (left) {
      leaveButton.disabled = false;
      if (left) {
        state.queueText = '';
        showNotice();
        if (left.abandoned) { setNotice(TEXT.left); }
      }
    }).catch(function () { leaveButton.disabled = false; });
  });
  launcher.addEventListener('click', function () { show(true); });
  closeButton.addEventListener('click', function () { show(false); });

  function boot() {
    document.body.appendChild(host);
    if (data('open') === 'true') { show(true); }
    var stompScript = document.createElement('script');
    stompScript.src = origin + '/js/kefu-stomp.js';
    stompScript.onload = function () { start(false); };
    document.head.appendChild(stompScript);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
