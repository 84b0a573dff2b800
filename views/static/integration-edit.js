// "Editar integración": progressive enhancement over a form that saves without JavaScript.
// Adds the live price example (computed on the server by the sync's own rules — ADR 0005 — this
// file only shows its lines), the pickers' search, inline "Vista previa" and the unsaved warning.
(() => {
  'use strict';
  const form = document.getElementById('settings-form');
  if (!form) return;
  const DEBOUNCE_MS = 250;
  const debounce = (fn, ms = DEBOUNCE_MS) => {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  };
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const c of children) node.append(c);
    return node;
  };
  // A session that ended (logout in another tab, expiry): the server's Spanish message and the way back.
  const SESSION_ENDED = 'Tu sesión terminó. Vuelve a entrar para seguir editando (lo que escribiste aquí no se ha guardado).';
  const sessionEnded = (body) => el('p', { className: 'alert' }, `${(body && body.message) || SESSION_ENDED} `,
    el('a', { href: (body && body.signInUrl) || '/auth/start', textContent: (body && body.signInLabel) || 'Volver a entrar' }));
  class SessionEnded extends Error { constructor(body) { super('session ended'); this.body = body; } }
  const getJson = async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (res.status === 401) throw new SessionEnded(await res.json().catch(() => ({})));
    if (res.status !== 200 && res.status !== 422) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };

  // ---- Unsaved changes: compare with the state the page was rendered in ("leaving changes nothing").
  const snapshot = () => {
    const data = new URLSearchParams(new FormData(form));
    data.delete('examplePrice');
    data.delete('_csrf');
    return data.toString();
  };
  let saved = snapshot();
  let leaving = false;
  const dirty = () => form.hasAttribute('data-unsaved') || snapshot() !== saved;
  form.addEventListener('submit', () => { leaving = true; });
  window.addEventListener('beforeunload', (event) => {
    if (leaving || !dirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // ---- Schedule: the hour only matters for "Una vez al día".
  const schedule = document.getElementById('schedule');
  const hourRow = document.getElementById('schedule-hour-row');
  const syncHour = () => { hourRow.hidden = schedule.value !== 'daily'; };
  schedule.addEventListener('change', syncHour);
  syncHour();

  // ---- Live example: GET /ejemplo with the price inputs; stale answers are ignored.
  const rules = document.getElementById('price-rules');
  const output = document.getElementById('price-example');
  const exampleBox = document.getElementById('example-box');
  const PRICE_KEYS = ['publishOffer', 'percent', 'fixed', 'rounding', 'roundingDirection', 'minimum', 'stockBuffer', 'examplePrice'];
  let exampleSeq = 0;
  const showLines = (lines, error) => {
    output.replaceChildren(...lines.map((line, i) =>
      el('span', { className: `example-line${error ? ' error' : i === 0 ? ' main' : ''}`, textContent: line })));
  };
  const refreshExample = debounce(async () => {
    const seq = ++exampleSeq;
    const all = new FormData(form);
    const params = new URLSearchParams();
    for (const k of PRICE_KEYS) for (const v of all.getAll(k)) params.append(k, String(v));
    try {
      const result = await getJson(`${form.dataset.exampleUrl}?${params}`);
      if (seq !== exampleSeq) return;
      if (result.ok) showLines(result.example.lines, false);
      else showLines(Object.values(result.errors).slice(0, 1), true);
    } catch (e) {
      if (seq !== exampleSeq) return;
      if (e instanceof SessionEnded) showLines([SESSION_ENDED], true);
      else showLines(['No se pudo calcular el ejemplo. Revisa tu conexión.'], true);
    } finally {
      if (seq === exampleSeq) exampleBox.classList.remove('pending');
    }
  });
  const onRuleInput = () => { exampleBox.classList.add('pending'); refreshExample(); };
  rules.addEventListener('input', onRuleInput);
  rules.addEventListener('change', onRuleInput);

  // ---- Pickers: chips hold hidden inputs, so what is chosen is simply part of the form.
  for (const picker of form.querySelectorAll('.picker')) setUpPicker(picker);

  function setUpPicker(picker) {
    const search = picker.querySelector('.picker-search');
    const results = picker.querySelector('.picker-results');
    const status = picker.querySelector('.picker-status');
    const chips = picker.querySelector('.chips');
    const empty = picker.querySelector('.chips-empty');
    const inputName = picker.dataset.input;
    const isTree = picker.hasAttribute('data-tree');
    let seq = 0;
    let tree = null;

    search.disabled = false;
    const chosen = () => new Set([...chips.querySelectorAll('input[type=hidden]')].map((i) => i.value));
    const syncEmpty = () => { empty.hidden = chips.children.length > 0; };
    const changed = syncEmpty;

    const addChip = (id, label) => {
      if (chosen().has(id)) return;
      const remove = el('button', { type: 'button', className: 'chip-remove', textContent: '×' });
      remove.setAttribute('aria-label', `Quitar ${label}`);
      const chip = el('li', { className: 'chip' }, el('span', { className: 'chip-label', textContent: label }),
        el('input', { type: 'hidden', name: inputName, value: id }), remove);
      chip.dataset.id = id;
      chips.append(chip);
      changed();
    };
    const removeChip = (id) => {
      for (const chip of chips.querySelectorAll('.chip')) if (chip.dataset.id === id) chip.remove();
      changed();
    };
    for (const b of chips.querySelectorAll('.chip-remove')) b.hidden = false;
    chips.addEventListener('click', (event) => {
      const button = event.target.closest('.chip-remove');
      if (!button) return;
      const chip = button.closest('.chip');
      const next = chip.nextElementSibling?.querySelector('.chip-remove') ?? search;
      removeChip(chip.dataset.id);
      next.focus();
      markPressed();
    });

    const option = (id, label, extra) => {
      const b = el('button', { type: 'button', textContent: label });
      if (extra) b.append(el('span', { className: 'sku', textContent: extra }));
      b.dataset.id = id;
      b.dataset.label = extra ? `${label} · ${extra}` : label;
      b.setAttribute('aria-pressed', String(chosen().has(id)));
      return b;
    };
    const markPressed = () => {
      const ids = chosen();
      for (const b of results.querySelectorAll('button[data-id]')) b.setAttribute('aria-pressed', String(ids.has(b.dataset.id)));
    };
    // Keep focus in the search box while clicking a result: browsers that do not focus buttons on
    // click (Safari) would otherwise blur the picker and hide the list before the click lands.
    results.addEventListener('mousedown', (event) => event.preventDefault());
    results.addEventListener('click', (event) => {
      const b = event.target.closest('button');
      if (!b) return;
      if (b.dataset.more) { void load(Number(b.dataset.more)); return; }
      if (chosen().has(b.dataset.id)) removeChip(b.dataset.id);
      else addChip(b.dataset.id, b.dataset.label);
      markPressed();
    });

    async function load(offset = 0) {
      const mine = ++seq;
      const q = search.value.trim();
      status.textContent = 'Buscando…';
      try {
        if (isTree) {
          tree ??= (await getJson(picker.dataset.source)).items;
          if (mine !== seq) return;
          const shown = renderTree(tree, q.toLocaleLowerCase('es'), []);
          results.replaceChildren(...shown.nodes);
          status.textContent = shown.count === 0 ? 'Sin categorías que coincidan.' : `${shown.count} ${shown.count === 1 ? 'categoría' : 'categorías'}`;
        } else {
          const page = await getJson(`${picker.dataset.source}?${new URLSearchParams({ q, offset: String(offset) })}`);
          if (mine !== seq) return;
          const items = page.items.map((i) => el('li', {}, option(i.id, i.name, i.sku ?? '')));
          if (offset === 0) results.replaceChildren(...items);
          else { results.querySelector('.more')?.parentElement.remove(); results.append(...items); }
          if (page.hasMore) {
            const more = el('button', { type: 'button', className: 'more', textContent: 'Ver más resultados' });
            more.dataset.more = String(page.nextOffset);
            results.append(el('li', {}, more));
          }
          const count = results.querySelectorAll('button[data-id]').length;
          status.textContent = count === 0 ? 'Sin resultados.' : `${count}${page.hasMore ? '+' : ''} ${count === 1 ? 'resultado' : 'resultados'}`;
        }
        results.hidden = false;
      } catch {
        if (mine === seq) status.textContent = 'No se pudo buscar. Inténtalo de nuevo.';
      }
    }

    /** Nested lists of the category tree; with a filter, matches and their ancestors only. */
    function renderTree(nodes, q, path) {
      const out = [];
      let count = 0;
      for (const n of nodes) {
        const here = [...path, n.name];
        const sub = renderTree(n.children, q, here);
        const match = q === '' || n.name.toLocaleLowerCase('es').includes(q);
        if (!match && sub.nodes.length === 0) continue;
        const li = el('li', {}, option(n.id, n.name));
        li.firstChild.dataset.label = here.join(' › ');
        if (sub.nodes.length > 0) li.append(el('ul', {}, ...sub.nodes));
        out.push(li);
        count += (match ? 1 : 0) + sub.count;
      }
      return { nodes: out, count };
    }

    const reload = debounce(() => load(0));
    search.addEventListener('input', reload);
    search.addEventListener('focus', () => { if (results.hidden) void load(0); });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); void load(0); }
      if (event.key === 'Escape') { results.hidden = true; status.textContent = ''; }
      if (event.key === 'ArrowDown') { event.preventDefault(); results.querySelector('button')?.focus(); }
    });
    picker.addEventListener('focusout', (event) => {
      if (!picker.contains(event.relatedTarget)) { results.hidden = true; status.textContent = ''; }
    });
    syncEmpty();
  }

  // ---- "Vista previa" inline: the server renders the same partial the no-JavaScript page shows.
  const previewButton = document.getElementById('preview-button');
  const previewRegion = document.getElementById('preview');
  previewButton.addEventListener('click', async (event) => {
    event.preventDefault();
    previewButton.disabled = true;
    previewRegion.replaceChildren(el('p', { className: 'muted', textContent: 'Calculando vista previa…' }));
    try {
      const res = await fetch(form.dataset.previewUrl, {
        method: 'POST', body: new URLSearchParams(new FormData(form)),
        headers: { accept: 'application/json' },
      });
      const result = await res.json().catch(() => ({}));
      if (res.status === 401) {
        previewRegion.replaceChildren(sessionEnded(result));
      } else if (res.ok && result.ok) {
        previewRegion.innerHTML = result.html; // rendered and escaped by the server's template
      } else if (res.status === 422) {
        previewRegion.replaceChildren(el('div', { className: 'alert' },
          el('p', { textContent: 'Revisa estos campos para ver la vista previa:' }),
          el('ul', {}, ...Object.values(result.errors).map((m) => el('li', { textContent: m })))));
      } else {
        throw new Error(result.message || `HTTP ${res.status}`);
      }
    } catch {
      previewRegion.replaceChildren(el('p', { className: 'alert', textContent: 'No se pudo calcular la vista previa. Recarga la página e inténtalo de nuevo.' }));
    } finally {
      previewButton.disabled = false;
    }
  });
})();
