// "Sincronizar" live (SPEC §2.6): start runs without leaving the page, then poll
// /sincronizar/estado.json and redraw each store's run below the button (every second while a run
// is active, slowly otherwise, so a scheduled run shows up too). Everything that depends on a run
// follows it: the account card's "Última sincronización", and a message about a run ("ya tiene una
// sincronización en curso", "Cancelando…") is cleared once that run has ended. A session that ended
// (401) says so, with the way back, instead of freezing. The server renders the same markup first
// (views/partials/sync.eta), so a reload shows the same state and the page works without this
// script. Text goes through textContent only (no HTML).
(function () {
  'use strict';
  var block = document.getElementById('sincronizar');
  if (!block) return;
  var form = block.querySelector('.sync-form');
  var message = block.querySelector('.sync-message');
  var runsBox = block.querySelector('.sync-runs');
  var csrf = form ? form.querySelector('input[name=_csrf]').value : '';
  var timer = null;
  var ACTIVE_MS = 1000;
  var IDLE_MS = 15000;
  /** Runs the message under the button is about: it goes away when none of them is active any more. */
  var messageRuns = [];
  var sessionEnded = false;

  function SessionEnded(body) { this.body = body || {}; }

  function say(text, runs) {
    message.replaceChildren(document.createTextNode(text || ''));
    message.classList.remove('session-ended');
    messageRuns = runs || [];
  }

  function endSession(body) {
    sessionEnded = true;
    clearTimeout(timer);
    message.replaceChildren(
      document.createTextNode((body.message || 'Tu sesión terminó.') + ' '),
      el('a', { href: body.signInUrl || '/auth/start', text: body.signInLabel || 'Volver a entrar' }),
    );
    message.classList.add('session-ended');
    messageRuns = [];
    block.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function counts(r) {
    var items = [['creados', 'created'], ['actualizados', 'updated'], ['despublicados', 'unpublished'], ['sin cambios', 'unchanged'], ['omitidos', 'skipped'], ['con error', 'failed']];
    return el('ul', { className: 'run-counts' }, items.map(function (it) {
      var li = el('li', {}, [it[0] + ' ', el('strong', { 'data-count': it[1], text: String(r[it[1]]) })]);
      if (it[1] === 'skipped') li.title = 'Excluidos o pausados: no se publican';
      return li;
    }));
  }

  function runNode(r) {
    var box = el('div', { className: 'sync-run', 'data-run': String(r.id), 'data-status': r.status }, [
      el('p', {}, [el('span', { className: 'run-status run-' + r.status, text: r.statusLabel }), ' ', el('span', { className: 'muted', text: r.triggerLabel + ' · ' + r.when })]),
      r.status === 'queued' || (r.active && r.total === 0)
        ? el('progress', { 'aria-label': 'Progreso' })
        : el('progress', { max: String(Math.max(r.total, 1)), value: String(r.processed), 'aria-label': 'Progreso' }),
      el('p', { className: 'run-progress', text: r.progressText }),
      counts(r),
    ]);
    if (r.errorMessage) box.appendChild(el('p', { className: 'alert run-message', text: r.errorMessage }));
    if (r.errors.length) {
      var list = el('ul', {}, r.errors.map(function (e) {
        return el('li', {}, [el('code', { text: e.sku || '—' }), ' ' + (e.name || '') + ' — ', el('strong', { text: e.operation }), ': ' + e.message]);
      }));
      var details = el('details', { className: 'run-errors', open: '' }, [el('summary', { text: 'Errores (' + r.failed + ')' }), list]);
      if (r.moreErrors > 0) details.appendChild(el('p', { className: 'muted', text: 'y ' + r.moreErrors + ' más' }));
      box.appendChild(details);
    }
    if (r.active) {
      var button = el('button', { type: 'submit', className: 'small secondary', text: 'Cancelar' });
      if (r.cancelRequested) button.disabled = true;
      box.appendChild(el('form', { method: 'post', action: '/sincronizar/runs/' + r.id + '/cancelar', className: 'cancel-run' }, [
        el('input', { type: 'hidden', name: '_csrf', value: csrf }), button,
      ]));
    }
    return box;
  }

  function storeNode(i, wasOpen) {
    var article = el('article', { className: 'sync-store', 'data-integration': String(i.id) }, [el('h3', { text: i.storeName })]);
    article.appendChild(i.current ? runNode(i.current) : el('p', { className: 'muted sync-never', text: 'Aún no se ha sincronizado.' }));
    if (i.past.length) {
      var past = el('details', { className: 'past-runs' }, [el('summary', { text: 'Sincronizaciones anteriores' }), el('ol', {}, i.past.map(function (p) {
        return el('li', {}, [el('span', { className: 'run-status run-' + p.status, text: p.statusLabel }), ' ', el('span', { className: 'muted', text: p.when + ' · ' + p.triggerLabel }),
          ' — creados ' + p.created + ', actualizados ' + p.updated + ', despublicados ' + p.unpublished + ', sin cambios ' + p.unchanged + ', omitidos ' + p.skipped + ', con error ' + p.failed]);
      }))]);
      if (wasOpen) past.open = true;
      article.appendChild(past);
    }
    return article;
  }

  function render(state) {
    var open = {};
    runsBox.querySelectorAll('.sync-store').forEach(function (a) {
      var d = a.querySelector('details.past-runs');
      open[a.getAttribute('data-integration')] = !!(d && d.open);
    });
    runsBox.replaceChildren.apply(runsBox, state.integrations.map(function (i) { return storeNode(i, open[String(i.id)]); }));
    block.setAttribute('data-active', state.anyActive ? '1' : '');
    // The account cards above (Mi Empresa, "Cuentas vinculadas") follow the same state.
    state.integrations.forEach(function (i) {
      var card = document.querySelector('.account[data-integration="' + i.id + '"] .last-run');
      if (!card) return;
      card.hidden = !i.lastRun;
      card.querySelector('.last-run-text').textContent = i.lastRun || '';
    });
    if (messageRuns.length) {
      var active = {};
      state.integrations.forEach(function (i) { if (i.current && i.current.active) active[i.current.id] = true; });
      if (!messageRuns.some(function (id) { return active[id]; })) say('');
    }
  }

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.status === 401) throw new SessionEnded(json);
        if (!res.ok) throw new Error(json.message || ('HTTP ' + res.status));
        return json;
      });
    });
  }

  function poll() {
    clearTimeout(timer);
    if (sessionEnded) return;
    getJson(block.getAttribute('data-status-url'))
      .then(function (state) {
        render(state);
        timer = setTimeout(poll, state.anyActive ? ACTIVE_MS : IDLE_MS);
      })
      .catch(function (e) {
        if (e instanceof SessionEnded) return endSession(e.body);
        timer = setTimeout(poll, ACTIVE_MS * 5);
      });
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.status === 401) throw new SessionEnded(json);
        if (!res.ok) throw new Error(json.message || ('HTTP ' + res.status));
        return json;
      });
    });
  }

  function fail(prefix) {
    return function (e) {
      if (e instanceof SessionEnded) return endSession(e.body);
      say(prefix + e.message);
    };
  }

  if (form) {
    form.addEventListener('submit', function (ev) {
      if (ev.submitter && ev.submitter.getAttribute('form')) return; // "Reautorizar" posts its own form
      ev.preventDefault();
      var button = form.querySelector('.sync-button');
      button.disabled = true;
      post(form.action, new URLSearchParams(new FormData(form)).toString())
        .then(function (r) {
          var runs = (r.started || []).concat(r.alreadyActive || []).map(function (x) { return x.runId; }).filter(Boolean);
          say(r.message, runs);
          poll();
        })
        .catch(fail('No se pudo iniciar la sincronización: '))
        .then(function () { if (!sessionEnded) button.disabled = false; });
    });
  }

  runsBox.addEventListener('submit', function (ev) {
    var f = ev.target;
    if (!f.classList || !f.classList.contains('cancel-run')) return;
    ev.preventDefault();
    f.querySelector('button').disabled = true;
    post(f.action, new URLSearchParams(new FormData(f)).toString())
      .then(function (r) { say(r.message, r.run && r.run.active ? [r.run.id] : []); poll(); })
      .catch(fail('No se pudo cancelar: '));
  });

  timer = setTimeout(poll, block.getAttribute('data-active') ? 0 : IDLE_MS);
})();
