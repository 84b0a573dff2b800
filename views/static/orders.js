// "Pedidos" live (SPEC §10 "UI"): polls /empresa/pedidos.json every few seconds and redraws each
// store's table (the server renders the same markup first: views/partials/orders.eta; the page works
// without this script). Text goes through textContent only.
(function () {
  'use strict';
  var block = document.getElementById('pedidos');
  if (!block) return;
  var csrfInput = document.querySelector('input[name=_csrf]');
  var csrf = csrfInput ? csrfInput.value : '';
  var POLL_MS = 3000;

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

  function row(store, r) {
    var state = el('td', {}, [el('span', { className: 'order-state order-' + r.state, text: r.stateLabel })]);
    if (r.reason) { state.appendChild(el('br')); state.appendChild(el('small', { className: 'order-reason', text: r.reason })); }
    var action = el('td');
    if (r.canRetry) {
      action.appendChild(el('form', { method: 'post', action: '/empresa/pedidos/' + store.integrationId + '/' + r.id + '/reintentar', className: 'inline' }, [
        el('input', { type: 'hidden', name: '_csrf', value: csrf }),
        el('button', { type: 'submit', className: 'small secondary', text: 'Reintentar' }),
      ]));
    }
    return el('tr', { 'data-order': String(r.id), 'data-state': r.state }, [
      el('td', { text: r.number }), el('td', { text: r.date }), el('td', { text: r.total }),
      el('td', { text: r.jumpsellerStatus }), el('td', { text: r.centryStatus }), state, action,
    ]);
  }

  function draw(data) {
    data.stores.forEach(function (s) {
      var box = block.querySelector('.orders-store[data-integration="' + s.integrationId + '"]');
      if (!box) return;
      var off = box.querySelector('.orders-off');
      if (off) { off.textContent = s.off || ''; off.hidden = !s.off; }
      var body = box.querySelector('tbody');
      while (body.firstChild) body.removeChild(body.firstChild);
      if (s.orders.length === 0) body.appendChild(el('tr', { className: 'orders-empty' }, [el('td', { colspan: '7', className: 'muted', text: 'Aún no hay pedidos desde la vinculación.' })]));
      s.orders.forEach(function (r) { body.appendChild(row(s, r)); });
    });
  }

  function poll() {
    fetch(block.getAttribute('data-status-url'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) { if (data) draw(data); })
      .catch(function () {})
      .then(function () { setTimeout(poll, POLL_MS); });
  }
  setTimeout(poll, POLL_MS);
})();
