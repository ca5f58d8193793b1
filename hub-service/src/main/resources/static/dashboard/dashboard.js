/*
 * The hub dashboard: subscribes to /dashboard/events (server-sent events, a snapshot a second), renders
 * the figures, the engines, the failures and two SVG charts. Reconnects when the hub goes away and shows
 * "disconnected" meanwhile. No libraries, nothing fetched from elsewhere.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var STALE_AFTER_MS = 4000;
  var source = null;
  var lastSnapshotAt = 0;
  var retryMs = 1000;

  function $(id) { return document.getElementById(id); }

  function setValue(id, value, text) {
    var el = $(id);
    el.setAttribute('data-value', value == null ? '' : String(value));
    el.textContent = text != null ? text : (value == null ? '\u2013' : String(value));
  }

  function setStatus(state, text) {
    $('status').setAttribute('data-state', state);
    $('status-text').textContent = text;
  }

  function formatMs(ms) {
    if (ms == null) { return '\u2013'; }
    if (ms >= 10000) { return (ms / 1000).toFixed(1) + ' s'; }
    if (ms >= 100) { return Math.round(ms) + ' ms'; }
    if (ms >= 10) { return ms.toFixed(1) + ' ms'; }
    return ms.toFixed(2) + ' ms';
  }

  function formatAge(ms) {
    if (ms == null) { return '\u2013'; }
    if (ms < 1000) { return ms + ' ms ago'; }
    if (ms < 120000) { return (ms / 1000).toFixed(1) + ' s ago'; }
    return Math.round(ms / 60000) + ' min ago';
  }

  function formatRate(r) { return r >= 100 ? String(Math.round(r)) : (Math.round(r * 10) / 10).toString(); }

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function renderEngines(engines) {
    var body = $('engine-rows');
    body.textContent = '';
    if (!engines.length) {
      var empty = document.createElement('tr');
      empty.className = 'empty';
      cell(empty, 'no engines yet').colSpan = 7;
      body.appendChild(empty);
      return;
    }
    engines.forEach(function (e) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-engine-id', e.id);
      tr.setAttribute('data-state', e.state);
      tr.setAttribute('data-queued', e.queued == null ? '' : e.queued);
      cell(tr, String(e.id), 'mono');
      cell(tr, e.hostname || '\u2013');
      cell(tr, e.pid == null ? '\u2013' : String(e.pid), 'mono');
      var state = cell(tr, '');
      var pill = document.createElement('span');
      pill.className = 'state ' + e.state;
      pill.textContent = e.state;
      state.appendChild(pill);
      cell(tr, formatAge(e.lastBeatAgeMillis),
        e.state === 'registered' && e.lastBeatAgeMillis > 3000 ? 'stale' : '');
      cell(tr, e.queued == null ? '\u2013' : String(e.queued));
      cell(tr, e.handled == null ? '\u2013' : String(e.handled));
      body.appendChild(tr);
    });
  }

  function renderFailures(failures) {
    var body = $('failure-rows');
    body.textContent = '';
    if (!failures.length) {
      var empty = document.createElement('tr');
      empty.className = 'empty';
      cell(empty, 'no failures').colSpan = 4;
      body.appendChild(empty);
      return;
    }
    failures.forEach(function (f) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-msg-id', f.msgId);
      tr.setAttribute('data-ename', f.ename || '');
      cell(tr, new Date(f.at).toLocaleTimeString(), 'mono');
      cell(tr, f.engineId == null ? '\u2013' : String(f.engineId), 'mono');
      var error = cell(tr, '');
      var name = document.createElement('div');
      name.className = 'error-name';
      name.textContent = f.ename || 'error';
      var value = document.createElement('div');
      value.className = 'error-value';
      value.textContent = f.evalue || '';
      error.appendChild(name);
      error.appendChild(value);
      cell(tr, f.msgId.length > 13 ? f.msgId.substring(0, 13) + '\u2026' : f.msgId, 'mono').title = f.msgId;
      body.appendChild(tr);
    });
  }

  function niceMax(v) {
    if (!(v > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * p >= v) { return steps[i] * p; }
    }
    return 10 * p;
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  /*
   * series: [{values: [number|null], cls, area}] over the same seconds, the last one newest. With robust,
   * the scale fits the 98th percentile of the values and higher ones are drawn at the top (a warm-up spike
   * would flatten everything else).
   */
  function chart(svg, seconds, series, format, robust) {
    var width = svg.clientWidth || 600;
    var height = svg.clientHeight || 190;
    var left = 44, right = 8, top0 = 8, bottom = 20;
    var w = width - left - right, h = height - top0 - bottom;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.textContent = '';
    var all = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v != null) { all.push(v); } }); });
    all.sort(function (a, b) { return a - b; });
    var top = all.length ? all[all.length - 1] : 0;
    if (robust && all.length >= 20) {
      top = Math.min(top, all[Math.floor(all.length * 0.98)] * 1.25);
    }
    var max = niceMax(top);
    for (var g = 0; g <= 4; g++) {
      var y = top0 + h - (h * g) / 4;
      el('line', { x1: left, x2: left + w, y1: y, y2: y, 'class': 'grid' }, svg);
      el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'class': 'axis' }, svg).textContent = format(max * g / 4);
    }
    var span = 300;
    [300, 240, 180, 120, 60, 0].forEach(function (ago) {
      var x = left + w - (w * ago) / span;
      el('text', { x: x, y: height - 4, 'text-anchor': ago === 300 ? 'start' : (ago === 0 ? 'end' : 'middle'), 'class': 'axis' }, svg)
        .textContent = ago === 0 ? 'now' : '-' + (ago / 60) + ' min';
    });
    var n = seconds.length;
    function xOf(i) { return left + w - (w * (n - 1 - i)) / span; }
    function yOf(v) { return top0 + h - (h * Math.min(v, max)) / max; }
    series.forEach(function (s) {
      var d = '', started = false, firstX = null, lastX = null;
      s.values.forEach(function (v, i) {
        if (v == null) { started = false; return; }
        var alone = !started && (i + 1 >= s.values.length || s.values[i + 1] == null);
        if (alone) {
          el('circle', { cx: xOf(i).toFixed(1), cy: yOf(v).toFixed(1), r: 1.8, 'class': s.cls + ' dot' }, svg);
        }
        d += (started ? 'L' : 'M') + xOf(i).toFixed(1) + ' ' + yOf(v).toFixed(1);
        if (firstX == null) { firstX = xOf(i); }
        lastX = xOf(i);
        started = true;
      });
      if (!d) { return; }
      if (s.area && firstX != null) {
        el('path', { d: d + 'L' + lastX.toFixed(1) + ' ' + (top0 + h) + 'L' + firstX.toFixed(1) + ' ' + (top0 + h) + 'Z', 'class': s.area }, svg);
      }
      el('path', { d: d, 'class': s.cls }, svg);
    });
  }

  function render(s) {
    $('cluster-id').textContent = s.clusterId;
    var registered = s.engines.filter(function (e) { return e.state === 'registered'; });
    var dead = s.engines.filter(function (e) { return e.state === 'dead'; });
    var queued = registered.reduce(function (sum, e) { return sum + (e.queued || 0); }, 0);
    setValue('engines-registered', registered.length);
    setValue('engines-dead', dead.length);
    setValue('engines-queued', queued);
    setValue('tasks-per-second', s.tasksPerSecond, formatRate(s.tasksPerSecond));
    setValue('tasks-per-second-10s', s.tasksPerSecond10s, formatRate(s.tasksPerSecond10s));
    setValue('latency-p50', s.latencyP50Millis, formatMs(s.latencyP50Millis));
    setValue('latency-p95', s.latencyP95Millis, formatMs(s.latencyP95Millis));
    setValue('total-submitted', s.totals.submitted);
    setValue('total-completed', s.totals.completed);
    setValue('total-failed', s.totals.failed);
    setValue('audit-backlog', s.auditBacklog);
    renderEngines(s.engines);
    renderFailures(s.failures);
    $('rate-chart').setAttribute('data-points',
      s.seconds.filter(function (x) { return x.completed > 0; }).length);
    chart($('rate-chart'), s.seconds, [
      { values: s.seconds.map(function (x) { return x.completed; }), cls: 'rate', area: 'rate-area' },
      { values: s.seconds.map(function (x) { return x.failed; }), cls: 'failed' }
    ], function (v) { return formatRate(v); });
    chart($('latency-chart'), s.seconds, [
      { values: s.seconds.map(function (x) { return x.p95Millis; }), cls: 'p95' },
      { values: s.seconds.map(function (x) { return x.p50Millis; }), cls: 'p50' }
    ], function (v) { return v >= 1000 ? (v / 1000).toFixed(1) + 's' : (v >= 10 ? Math.round(v) : v.toFixed(1)); }, true);
    $('updated').textContent = new Date(s.at).toLocaleTimeString();
  }

  function connect() {
    if (source) { source.close(); }
    source = new EventSource('dashboard/events');
    source.addEventListener('snapshot', function (event) {
      lastSnapshotAt = Date.now();
      retryMs = 1000;
      setStatus('connected', 'live');
      render(JSON.parse(event.data));
    });
    source.onerror = function () {
      setStatus('disconnected', 'disconnected \u2013 reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 10000);
      }
    };
  }

  /* a hub that stopped without closing the stream: no snapshot for a while is disconnected too */
  setInterval(function () {
    if (lastSnapshotAt && Date.now() - lastSnapshotAt > STALE_AFTER_MS) {
      setStatus('disconnected', 'disconnected \u2013 reconnecting');
      connect();
      lastSnapshotAt = Date.now();
    }
  }, 1000);

  connect();
}());
