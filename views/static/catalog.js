// The catalog block of Mi Empresa follows a background import (or a first Centry download) by
// itself (issue 9): while the server says it is busy, poll /catalogo/estado.json; when it is done,
// fetch Mi Empresa again and swap in the fresh block — the report, or why nothing was imported — so
// "Importando…" never stays on screen over an import that already ended. A session that ended says so.
(function () {
  'use strict';
  var block = document.getElementById('catalogo');
  if (!block || !block.getAttribute('data-busy')) return;
  var url = block.getAttribute('data-status-url');
  var EVERY_MS = 1500;

  function refresh() {
    return fetch(window.location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('catalogo');
        if (fresh) block.replaceWith(document.importNode(fresh, true));
      });
  }

  function sessionEnded(body) {
    var note = document.createElement('p');
    note.className = 'alert';
    note.appendChild(document.createTextNode((body.message || 'Tu sesión terminó.') + ' '));
    var a = document.createElement('a');
    a.href = body.signInUrl || '/auth/start';
    a.textContent = body.signInLabel || 'Volver a entrar';
    note.appendChild(a);
    block.querySelectorAll('.catalog-busy').forEach(function (b) { b.remove(); });
    block.appendChild(note);
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (res.status === 401) return sessionEnded(json);
          if (!res.ok) throw new Error('HTTP ' + res.status);
          if (json.busy) return void setTimeout(poll, EVERY_MS);
          return refresh();
        });
      })
      .catch(function () { setTimeout(poll, EVERY_MS * 4); });
  }
  setTimeout(poll, EVERY_MS);
})();
