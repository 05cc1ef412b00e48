/**
 * The dashboard page's script, inlined into the page. Plain ES2017 for the browser, kept in a
 * string so the page has no build step and no external file. Every value from the server is
 * put into the DOM with `textContent` or `setAttribute` (never `innerHTML`), so tags, names and
 * data are shown as text whatever they contain.
 */
export const dashboardScript = `
(function () {
  'use strict';
  var STATES = ['ENQUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED', 'CANCELLED'];
  var FINISHED = { SUCCEEDED: 1, FAILED: 1, CANCELLED: 1 };
  var COLORS = { ENQUEUED: '#3b82f6', RUNNING: '#8b5cf6', SUCCEEDED: '#16a34a', FAILED: '#dc2626', BLOCKED: '#a3a3a3', CANCELLED: '#f59e0b' };
  var SVG_NS = 'http://www.w3.org/2000/svg';

  var token = null;
  try { token = sessionStorage.getItem('workmanager-token'); } catch (e) {}
  var source = null;

  function readTokenFromAddress() {
    var match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return false;
    token = decodeURIComponent(match[1]);
    try { sessionStorage.setItem('workmanager-token', token); } catch (e) {}
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }
  readTokenFromAddress();

  var view = { state: '', tag: '', name: '', text: '', page: 1, selected: null };
  var last = null;
  var loading = false;
  var again = false;

  function $(id) { return document.getElementById(id); }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    applyProps(node, props);
    append(node, children);
    return node;
  }

  function sv(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    applyProps(node, attrs);
    append(node, children);
    return node;
  }

  function applyProps(node, props) {
    if (!props) return;
    Object.keys(props).forEach(function (key) {
      var value = props[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'onclick') node.addEventListener('click', value);
      else if (key === 'style') Object.keys(value).forEach(function (p) { node.style.setProperty(p, value[p]); });
      else if (/^on/i.test(key)) throw new Error('event attributes are not allowed');
      else node.setAttribute(key, String(value));
    });
  }

  function append(node, children) {
    if (children === undefined || children === null) return;
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function api(path, init) {
    init = init || {};
    var headers = init.headers || {};
    if (token) headers['x-workmanager-token'] = token;
    init.headers = headers;
    return fetch(path, init).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var error = new Error(body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + response.status);
          throw error;
        }
        return body;
      });
    });
  }

  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
  }

  function notice(text, isError) {
    var box = document.querySelector('.notice');
    box.textContent = text;
    box.className = 'notice' + (isError ? ' error' : '');
    box.hidden = false;
  }

  function shortId(id) { return id.slice(0, 8); }

  function badge(state) {
    return el('span', { class: 'badge', 'data-state': state, style: { '--c': COLORS[state] || '#888' }, text: state });
  }

  function fraction(progress) {
    if (!progress) return null;
    if (typeof progress.progress === 'number' && isFinite(progress.progress)) return Math.max(0, Math.min(1, progress.progress / 100));
    if (typeof progress.done === 'number' && typeof progress.total === 'number' && progress.total > 0) return Math.max(0, Math.min(1, progress.done / progress.total));
    return null;
  }

  function relative(at) {
    if (at === null || at === undefined) return '—';
    var seconds = Math.round((at - Date.now()) / 1000);
    var abs = Math.abs(seconds);
    var text = abs < 60 ? abs + 's' : abs < 3600 ? Math.round(abs / 60) + 'm' : abs < 86400 ? Math.round(abs / 3600) + 'h' : Math.round(abs / 86400) + 'd';
    if (abs < 1) return 'now';
    return seconds > 0 ? 'in ' + text : text + ' ago';
  }

  function absolute(at) { return at === null || at === undefined ? '—' : new Date(at).toLocaleString(); }

  function query() {
    var params = new URLSearchParams();
    if (view.state) params.set('state', view.state);
    if (view.tag) params.set('tag', view.tag);
    if (view.name) params.set('name', view.name);
    if (view.text) params.set('text', view.text);
    params.set('page', String(view.page));
    return '/api/state?' + params.toString();
  }

  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    var detail = view.selected ? api('/api/works/' + encodeURIComponent(view.selected)).catch(function (error) { return { error: error }; }) : Promise.resolve(null);
    Promise.all([api(query()), detail]).then(function (results) {
      last = results[0];
      renderCounts(last.stats);
      renderTable(last.page);
      renderTimeline(last.runs, last.transitions);
      renderDetail(results[1]);
      document.body.setAttribute('data-version', String(last.version));
    }).catch(function (error) {
      notice(error.message, true);
    }).then(function () {
      loading = false;
      if (again) { again = false; refresh(); }
    });
  }

  function renderCounts(stats) {
    var box = document.querySelector('.counts');
    clear(box);
    var cards = [{ state: '', label: 'ALL', n: stats.total }].concat(STATES.map(function (s) { return { state: s, label: s, n: stats.counts[s] }; }));
    cards.forEach(function (card) {
      box.appendChild(el('button', {
        class: 'count', 'data-testid': 'count-' + (card.state || 'ALL'), 'aria-pressed': view.state === card.state ? 'true' : 'false',
        style: { '--c': COLORS[card.state] || '#334' },
        onclick: function () { view.state = card.state; view.page = 1; $('f-state').value = card.state; refresh(); }
      }, [el('div', { class: 'n', text: card.n }), el('div', { class: 'l', text: card.label })]));
    });
  }

  function renderTable(page) {
    var body = $('rows');
    clear(body);
    if (page.works.length === 0) {
      body.appendChild(el('tr', null, el('td', { colspan: 8, class: 'empty', text: page.total === 0 ? 'No work matches.' : 'Nothing on this page.' })));
    }
    page.works.forEach(function (work) {
      var f = fraction(work.progress);
      var progressCell = f === null ? (FINISHED[work.state] ? '' : '—') : el('span', null, [el('span', { class: 'bar' }, el('span', { style: { width: Math.round(f * 100) + '%' } })), el('span', { class: 'pct', text: Math.round(f * 100) + '%' })]);
      body.appendChild(el('tr', {
        'data-testid': 'work-row', 'data-id': work.id, 'data-state': work.state, class: view.selected === work.id ? 'selected' : '',
        onclick: function () { select(work.id); }
      }, [
        el('td', { class: 'mono', title: work.id, text: shortId(work.id) }),
        el('td', { title: work.worker, 'data-testid': 'work-worker', text: work.worker }),
        el('td', null, badge(work.state)),
        el('td', { text: String(work.runAttemptCount) }),
        el('td', null, progressCell),
        el('td', { title: absolute(work.nextRunAt), text: relative(work.nextRunAt) }),
        el('td', { 'data-testid': 'work-tags' }, work.tags.map(function (t) { return el('span', { class: 'chip', title: t, text: t }); })),
        el('td', { 'data-testid': 'work-name', title: work.uniqueName || '', text: work.uniqueName || '' })
      ]));
    });
    $('page-label').textContent = 'page ' + page.page + ' of ' + page.pageCount + ' · ' + page.total + ' works';
    $('prev').disabled = page.page <= 1;
    $('next').disabled = page.page >= page.pageCount;
  }

  function select(id) {
    view.selected = id;
    refresh();
  }

  function field(label, value, testid) {
    return [el('dt', { text: label }), el('dd', { 'data-testid': testid, text: value === null || value === undefined || value === '' ? '—' : String(value) })];
  }

  function pretty(data) {
    var keys = Object.keys(data || {});
    return keys.length === 0 ? '(empty)' : JSON.stringify(data, null, 2);
  }

  function renderDetail(result) {
    var box = document.querySelector('.detail');
    clear(box);
    if (!result) { box.hidden = true; return; }
    box.hidden = false;
    if (result.error) {
      box.appendChild(el('p', { class: 'empty', text: 'This work is gone (' + result.error.message + ').' }));
      box.appendChild(el('button', { onclick: function () { view.selected = null; refresh(); }, text: 'Close' }));
      return;
    }
    var w = result.work;
    var f = fraction(w.progress);
    var periodic = w.periodic ? 'every ' + Math.round(w.periodic.intervalMillis / 60000) + ' min, flex ' + Math.round(w.periodic.flexMillis / 60000) + ' min, ' + w.periodic.periodCount + ' periods done' : 'one-time';
    var actions = [el('button', { class: 'danger', 'data-testid': 'cancel-work', disabled: FINISHED[w.state] ? 'disabled' : null, onclick: function () { cancel({ id: w.id }, 'work ' + shortId(w.id)); }, text: 'Cancel work' })];
    if (w.uniqueName) actions.push(el('button', { class: 'danger', 'data-testid': 'cancel-unique', onclick: function () { cancel({ name: w.uniqueName }, 'unique work "' + w.uniqueName + '"'); }, text: 'Cancel unique work' }));
    w.tags.forEach(function (t) { actions.push(el('button', { class: 'danger', 'data-testid': 'cancel-tag-' + t, onclick: function () { cancel({ tag: t }, 'tag "' + t + '"'); }, text: 'Cancel tag ' + t })); });
    actions.push(el('button', { onclick: function () { view.selected = null; refresh(); }, text: 'Close' }));
    append(box, [
      el('h2', null, [el('span', { 'data-testid': 'detail-worker', text: w.worker }), el('span', { 'data-testid': 'detail-state' }, badge(w.state))]),
      el('div', { class: 'mono', 'data-testid': 'detail-id', text: w.id }),
      el('dl', null, [].concat(
        field('Unique name', w.uniqueName, 'detail-name'),
        field('Tags', w.tags.join(', '), 'detail-tags'),
        field('Attempts', w.runAttemptCount, 'detail-attempts'),
        field('Kind', periodic),
        field('Next run', w.nextRunAt === null ? null : absolute(w.nextRunAt) + ' (' + relative(w.nextRunAt) + ')', 'detail-next-run'),
        field('Last enqueued', absolute(w.lastEnqueueTime)),
        field('Stop reason', w.stopReasonName + ' (' + w.stopReason + ')', 'detail-stop-reason'),
        field('Progress', f === null ? null : Math.round(f * 100) + '%'),
        field('Run owner', w.runOwner),
        field('Generation', w.generation)
      )),
      el('h3', { text: 'Input' }), el('pre', { 'data-testid': 'detail-input', text: pretty(w.input) }),
      el('h3', { text: 'Output' }), el('pre', { 'data-testid': 'detail-output', text: pretty(w.output) }),
      el('h3', { text: 'Progress data' }), el('pre', { 'data-testid': 'detail-progress', text: pretty(w.progress) }),
      el('h3', { text: 'Chain (' + result.chain.nodes.length + ' works)' }),
      el('div', { class: 'chain', 'data-testid': 'chain' }, renderChain(result.chain, w.id)),
      el('div', { class: 'actions' }, actions)
    ]);
  }

  function renderChain(chain, selectedId) {
    var W = 150, H = 44, GX = 46, GY = 14, PAD = 12;
    var columns = {};
    var position = {};
    chain.nodes.forEach(function (node) {
      var col = columns[node.level] = columns[node.level] || [];
      position[node.work.id] = { x: PAD + node.level * (W + GX), y: PAD + col.length * (H + GY) };
      col.push(node);
    });
    var levels = Object.keys(columns).map(Number);
    var maxLevel = Math.max.apply(null, levels);
    var maxRows = Math.max.apply(null, levels.map(function (l) { return columns[l].length; }));
    var width = PAD * 2 + (maxLevel + 1) * W + maxLevel * GX;
    var height = PAD * 2 + maxRows * H + (maxRows - 1) * GY;
    var svg = sv('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, 'data-testid': 'chain-graph', role: 'img', 'aria-label': 'chain of ' + chain.nodes.length + ' works' });
    svg.appendChild(sv('defs', null, sv('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, sv('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8a93a6' }))));
    chain.edges.forEach(function (edge) {
      var a = position[edge.from], b = position[edge.to];
      if (!a || !b) return;
      var x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mx = (x1 + x2) / 2;
      svg.appendChild(sv('path', { d: 'M ' + x1 + ' ' + y1 + ' C ' + mx + ' ' + y1 + ', ' + mx + ' ' + y2 + ', ' + x2 + ' ' + y2, fill: 'none', stroke: '#8a93a6', 'stroke-width': 1.5, 'marker-end': 'url(#arrow)', 'data-testid': 'chain-edge' }));
    });
    chain.nodes.forEach(function (node) {
      var p = position[node.work.id];
      var color = COLORS[node.work.state] || '#888';
      var label = node.work.worker.length > 18 ? node.work.worker.slice(0, 17) + '…' : node.work.worker;
      var g = sv('g', { class: 'node', transform: 'translate(' + p.x + ',' + p.y + ')', 'data-testid': 'chain-node', 'data-id': node.work.id, 'data-state': node.work.state }, [
        sv('title', { text: node.work.worker + ' · ' + node.work.state + ' · ' + node.work.id }),
        sv('rect', { width: W, height: H, rx: 7, fill: node.work.id === selectedId ? '#eef0ff' : '#fff', stroke: color, 'stroke-width': node.work.id === selectedId ? 3 : 1.5 }),
        sv('rect', { width: 6, height: H, rx: 3, fill: color }),
        sv('text', { x: 14, y: 18, 'font-size': 13, 'font-weight': 600, fill: '#1d2330', text: label }),
        sv('text', { x: 14, y: 35, 'font-size': 11, fill: color, text: node.work.state + ' · ' + shortId(node.work.id) })
      ]);
      g.addEventListener('click', function () { select(node.work.id); });
      svg.appendChild(g);
    });
    return svg;
  }

  function renderTimeline(runs, transitions) {
    var box = $('timeline');
    clear(box);
    var now = Date.now();
    var shown = runs.slice(-12);
    if (shown.length === 0) {
      box.appendChild(el('div', { class: 'empty', text: 'No runs seen yet.' }));
    } else {
      var earliest = Math.min.apply(null, shown.map(function (r) { return r.startedAt; }));
      var span = Math.max(10000, (now - earliest) * 1.05);
      var start = now - span;
      var W = 1000, LABEL = 210, ROW = 20;
      var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + (shown.length * ROW + 22), width: '100%', 'data-testid': 'timeline-graph', preserveAspectRatio: 'xMinYMin meet' });
      shown.forEach(function (run, i) {
        var y = i * ROW + 4;
        var x1 = LABEL + ((run.startedAt - start) / span) * (W - LABEL - 10);
        var x2 = LABEL + (((run.endedAt === null ? now : run.endedAt) - start) / span) * (W - LABEL - 10);
        var outcome = run.outcome || 'RUNNING';
        svg.appendChild(sv('text', { x: 0, y: y + 12, 'font-size': 11, fill: '#4b5366', text: run.worker.slice(0, 22) + ' #' + run.attempt }));
        svg.appendChild(sv('rect', { x: x1, y: y + 2, width: Math.max(4, x2 - x1), height: 12, rx: 3, fill: COLORS[outcome] || '#888', 'data-testid': 'timeline-run' }, sv('title', { text: run.worker + ' ' + shortId(run.id) + ' → ' + outcome })));
      });
      svg.appendChild(sv('text', { x: LABEL, y: shown.length * ROW + 18, 'font-size': 10, fill: '#8a93a6', text: new Date(start).toLocaleTimeString() }));
      svg.appendChild(sv('text', { x: W - 10, y: shown.length * ROW + 18, 'font-size': 10, fill: '#8a93a6', 'text-anchor': 'end', text: 'now' }));
      box.appendChild(svg);
    }
    var list = $('transitions');
    clear(list);
    transitions.slice().reverse().slice(0, 15).forEach(function (t) {
      list.appendChild(el('li', null, [
        el('time', { text: new Date(t.at).toLocaleTimeString() }),
        el('span', { text: t.worker + ' ' + shortId(t.id) + ': ' + (t.from || 'new') + ' → ' + (t.to || 'deleted') })
      ]));
    });
  }

  function cancel(selector, label) {
    if (!window.confirm('Cancel ' + label + ' and every work that depends on it?')) return;
    post('/api/cancel', selector).then(function (result) {
      notice('Cancelled ' + result.cancelled.length + ' work(s) (' + label + ').');
      refresh();
    }).catch(function (error) { notice(error.message, true); });
  }

  function connect() {
    var status = document.querySelector('.live');
    if (source) source.close();
    source = new EventSource('/api/events' + (token ? '?token=' + encodeURIComponent(token) : ''));
    source.addEventListener('change', function () {
      status.textContent = 'live';
      status.setAttribute('data-live', 'true');
      refresh();
    });
    source.onerror = function () {
      status.textContent = 'reconnecting…';
      status.setAttribute('data-live', 'false');
    };
  }

  function debounce(fn) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, 250); };
  }

  STATES.forEach(function (s) { $('f-state').appendChild(el('option', { value: s, text: s })); });
  $('f-state').addEventListener('change', function (e) { view.state = e.target.value; view.page = 1; refresh(); });
  ['tag', 'name', 'text'].forEach(function (key) {
    var update = debounce(function () { view.page = 1; refresh(); });
    $('f-' + key).addEventListener('input', function (e) { view[key] = e.target.value.trim(); update(); });
  });
  $('prev').addEventListener('click', function () { view.page = Math.max(1, view.page - 1); refresh(); });
  $('next').addEventListener('click', function () { view.page += 1; refresh(); });
  $('cancel-tag').addEventListener('click', function () {
    if (!view.tag) { notice('Type a tag in the Tag field first.', true); return; }
    cancel({ tag: view.tag }, 'tag "' + view.tag + '"');
  });
  $('cancel-name').addEventListener('click', function () {
    if (!view.name) { notice('Type a unique name in the Unique name field first.', true); return; }
    cancel({ name: view.name }, 'unique work "' + view.name + '"');
  });
  $('prune').addEventListener('click', function () {
    if (!window.confirm('Delete every finished work that nothing unfinished depends on?')) return;
    post('/api/prune', {}).then(function (result) {
      notice('Pruned ' + result.pruned.length + ' finished work(s).');
      refresh();
    }).catch(function (error) { notice(error.message, true); });
  });
  if (document.body.getAttribute('data-token-required') === 'true' && !token) {
    notice('This dashboard needs its token: open it as …/#token=<token>.', true);
  }
  window.addEventListener('hashchange', function () {
    if (!readTokenFromAddress()) return;
    document.querySelector('.notice').hidden = true;
    connect();
    refresh();
  });
  setInterval(function () { if (last) renderTimeline(last.runs, last.transitions); }, 5000);
  connect();
  refresh();
})();
`;
