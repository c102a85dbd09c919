// /admin/sessions: polls /api/admin/sessions every second and redraws the running and recent sessions.
// Built with DOM calls and textContent only: user and device names come from phones and are never parsed as HTML.
(function () {
  'use strict';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function bytes(n) {
    if (n < 1024) { return n + ' B'; }
    if (n < 1048576) { return (n / 1024).toFixed(1) + ' KiB'; }
    return (n / 1048576).toFixed(1) + ' MiB';
  }

  function time(iso) {
    return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
  }

  function progress(done, total) {
    return total === null || total === undefined ? String(done) : done + ' of ' + total;
  }

  function fact(dl, name, value) {
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value));
  }

  function card(s) {
    var c = el('section', 'card session');
    c.dataset.session = s.id;
    var h = el('h3', null, s.user + ' · ' + s.device);
    c.appendChild(h);
    var dl = el('dl', 'facts');
    if (s.outcome) { fact(dl, 'Outcome', s.outcome); }
    fact(dl, 'Started', time(s.started));
    fact(dl, s.outcome ? 'Ended' : 'Last message', time(s.outcome ? s.ended : s.lastMessage));
    fact(dl, 'Messages', s.messages);
    fact(dl, 'Received', bytes(s.bytesReceived));
    fact(dl, 'Sent', bytes(s.bytesSent));
    c.appendChild(dl);
    s.datastores.forEach(function (d) {
      var p = el('div', 'datastore');
      p.dataset.datastore = d.datastore;
      p.dataset.fromClientDone = d.fromClientDone;
      p.dataset.fromClientTotal = d.fromClientTotal === null ? '' : d.fromClientTotal;
      p.appendChild(el('strong', null, d.datastore));
      p.appendChild(el('span', 'hint', ' ' + d.syncType));
      p.appendChild(el('div', 'from-client', 'from device: ' + progress(d.fromClientDone, d.fromClientTotal)));
      if (d.fromClientTotal) {
        var bar = el('progress');
        bar.max = d.fromClientTotal;
        bar.value = Math.min(d.fromClientDone, d.fromClientTotal);
        p.appendChild(bar);
      }
      p.appendChild(el('div', 'to-client', 'to device: ' + progress(d.toClientDone, d.toClientTotal)));
      c.appendChild(p);
    });
    return c;
  }

  function draw(id, sessions) {
    var box = document.getElementById(id);
    var parts = sessions.length ? sessions.map(card) : [el('p', 'hint', box.dataset.empty)];
    box.replaceChildren.apply(box, parts);
  }

  function poll() {
    fetch('/api/admin/sessions', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (data) {
        draw('live-sessions', data.live);
        draw('recent-sessions', data.recent);
        document.body.dataset.polled = String((+(document.body.dataset.polled || 0)) + 1);
      })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
