/*
 * A small STOMP 1.2 client over WebSocket for Kefu's widget and workspace (no external library,
 * no CDN). Frames: CONNECT, SUBSCRIBE, SEND, DISCONNECT out; CONNECTED, MESSAGE, ERROR in; heart-beats
 * both ways every 10 s. Reconnecting is the caller's business (onClose).
 */
(function (global) {
  'use strict';

  function escapeHeader(value) {
    return String(value).replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
  }

  function unescapeHeader(value) {
    return value.replace(/\\(.)/g, function (m, c) {
      return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 'c' ? ':' : c;
    });
  }

  function KefuStomp(url, connectHeaders) {
    this.url = url;
    this.connectHeaders = connectHeaders || {};
    this.subscriptions = {};
    this.nextId = 1;
    this.connected = false;
    this.onConnect = function () {};
    this.onClose = function () {};
    this.onError = function () {};
  }

  KefuStomp.prototype.connect = function () {
    var self = this;
    var ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = function () {
      var headers = {'accept-version': '1.2', 'heart-beat': '10000,10000'};
      Object.keys(self.connectHeaders).forEach(function (k) { headers[k] = self.connectHeaders[k]; });
      self.transmit('CONNECT', headers, '');
    };
    ws.onmessage = function (event) {
      String(event.data).split('\0').forEach(function (raw) { self.receive(raw); });
    };
    ws.onclose = function (event) {
      self.connected = false;
      clearInterval(self.beat);
      self.onClose(event);
    };
    ws.onerror = function () {};
  };

  KefuStomp.prototype.receive = function (raw) {
    var frame = raw.replace(/^(\r?\n)+/, '');
    if (!frame) {
      return; // a heart-beat
    }
    var split = frame.indexOf('\n\n');
    var head = (split < 0 ? frame : frame.substring(0, split)).split('\n');
    var body = split < 0 ? '' : frame.substring(split + 2);
    var command = head.shift();
    var headers = {};
    head.forEach(function (line) {
      var colon = line.indexOf(':');
      if (colon > 0 && !(line.substring(0, colon) in headers)) {
        headers[line.substring(0, colon)] = unescapeHeader(line.substring(colon + 1));
      }
    });
    if (command === 'CONNECTED') {
      this.connected = true;
      var self = this;
      this.beat = setInterval(function () {
        if (self.ws.readyState === 1) { self.ws.send('\n'); }
      }, 10000);
      this.onConnect(headers);
    } else if (command === 'MESSAGE') {
      var handler = this.subscriptions[headers.subscription];
      if (handler) {
        var parsed;
        try { parsed = JSON.parse(body); } catch (e) { parsed = body; }
        handler(parsed, headers);
      }
    } else if (command === 'ERROR') {
      this.onError(headers.message || 'error', body);
    }
  };

  KefuStomp.prototype.transmit = function (command, headers, body) {
    var lines = [command];
    Object.keys(headers).forEach(function (k) { lines.push(escapeHeader(k) + ':' + escapeHeader(headers[k])); });
    this.ws.send(lines.join('\n') + '\n\n' + (body || '') + '\0');
  };

  KefuStomp.prototype.subscribe = function (destination, handler) {
    var id = 'sub-' + (this.nextId++);
    this.subscriptions[id] = handler;
    this.transmit('SUBSCRIBE', {id: id, destination: destination}, '');
    return id;
  };

  KefuStomp.prototype.send = function (destination, body) {
    if (!this.connected) {
      return false;
    }
    this.transmit('SEND', {destination: destination, 'content-type': 'application/json'}, JSON.stringify(body));
    return true;
  };

  KefuStomp.prototype.close = function () {
    if (this.ws && this.ws.readyState === 1) {
      try { this.transmit('DISCONNECT', {}, ''); } catch (e) { /* closing anyway */ }
      this.ws.close();
    }
  };

  global.KefuStomp = KefuStomp;
})(window);
