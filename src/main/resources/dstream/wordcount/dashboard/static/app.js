// The dashboard page: one full snapshot per Server-Sent Event (see DashboardState), re-rendered
// into tables (the numbers, in the DOM) and uPlot charts (the same numbers, drawn).
'use strict';
(function () {
  const PALETTE = ['#e25a1c', '#2f6fdf', '#12b76a', '#9e77ed', '#f79009', '#06aed4', '#dd2590', '#475467'];
  const LINE_WORDS = 6;     // words followed over time in the line chart
  const WINDOW_ROWS = 12;   // windows listed in the numbers table
  const RETRY_MS = 2000;
  const charts = {};
  let snap = null;
  let updates = 0;
  let builtFor = null;      // the kind + pipeline the view was built for
  let source = null;

  // ---- small helpers ----
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    (children || []).forEach((c) => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return e;
  }
  const $ = (id) => document.getElementById(id);
  const pad = (n, w) => String(n).padStart(w || 2, '0');
  function clock(ms) {
    const d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }
  function duration(ms) {
    if (ms % 60000 === 0 && ms > 0) return (ms / 60000) + 'm';
    if (ms % 1000 === 0 && ms > 0) return (ms / 1000) + 's';
    return ms + 'ms';
  }
  function uptime(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + (s % 60) + 's';
  }
  function card(id, title, wide, note) {
    const h = el('h2', {}, [title]);
    if (note) h.appendChild(el('small', { text: ' ' + note }));
    return el('section', { class: 'card' + (wide ? ' wide' : ''), id: id }, [h]);
  }
  function table(id, heads, numeric) {
    const tr = el('tr', {}, heads.map((h, i) => el('th', { text: h, class: numeric[i] ? 'num' : '', scope: 'col' })));
    return el('table', { id: id }, [el('thead', {}, [tr]), el('tbody')]);
  }
  function fillRows(tableEl, rows) {
    const body = tableEl.tBodies[0];
    body.replaceChildren(...rows);
  }
  function row(cells, attrs) {
    return el('tr', attrs || {}, cells.map(([text, cls]) => el('td', { text: String(text), class: cls || '' })));
  }

  // ---- charts (uPlot) ----
  function widthOf(id) {
    return Math.max(280, $(id).clientWidth);
  }
  function chart(id, key, makeOpts, data) {
    const c = charts[id];
    if (c && c.key === key && c.width === widthOf(id)) {
      c.plot.setData(data);
      return;
    }
    if (c) c.plot.destroy();
    const width = widthOf(id);
    const plot = new uPlot(makeOpts(width), data, $(id));
    charts[id] = { key: key, plot: plot, width: width };
  }
  function timeSeries(label, color, extra) {
    return Object.assign({ label: label, stroke: color, width: 2, points: { show: false }, spanGaps: false }, extra || {});
  }
  function timeOpts(width, series, extra) {
    return Object.assign({
      width: width, height: 240,
      series: [{ label: 'time', value: (u, v) => (v == null ? '-' : clock(v * 1000)) }].concat(series),
      scales: { x: { time: true } },
      axes: [{ stroke: '#667085', grid: { stroke: '#eef0f3' } }, { stroke: '#667085', grid: { stroke: '#eef0f3' }, size: 64 }],
      legend: { show: true }
    }, extra || {});
  }
  const seconds = (results) => results.map((r) => r.batchTime / 1000);

  function barChart(id, words, counts) {
    const n = words.length;
    chart(id, 'bars:' + n, (width) => ({
      width: width, height: 260,
      legend: { show: false },
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(n, 1) - 0.5] },
        y: { range: (u, min, max) => [0, Math.max(1, max || 0) * 1.12] }
      },
      axes: [
        { stroke: '#667085', grid: { show: false }, rotate: -35, size: 70, gap: 4,
          splits: () => words.map((w, i) => i),
          values: (u, splits) => splits.map((i) => (charts[id] && charts[id].words ? charts[id].words[i] : words[i]) || '') },
        { stroke: '#667085', grid: { stroke: '#eef0f3' }, size: 56 }
      ],
      series: [{}, { label: 'count', stroke: '#c2410c', fill: 'rgba(226,90,28,0.78)', points: { show: false },
        paths: uPlot.paths.bars({ size: [0.72, 64] }) }]
    }), [words.map((w, i) => i), counts]);
    charts[id].words = words;
    charts[id].plot.redraw(false, true);
  }

  // ---- the header ----
  function renderHeader(job) {
    $('pipeline').textContent = job.pipeline;
    $('source').textContent = 'source: ' + job.source;
    $('batch').textContent = duration(job.batchMs);
    $('window-meta').hidden = !job.windowMs;
    if (job.windowMs) $('window').textContent = duration(job.windowMs) + ' / ' + duration(job.slideMs);
    $('match-meta').hidden = job.match == null;
    if (job.match != null) $('match').textContent = '"' + job.match + '"';
    $('alert-meta').hidden = job.alertAbove == null;
    if (job.alertAbove != null) $('alert-above').textContent = String(job.alertAbove);
    const ui = $('spark-ui');
    if (job.sparkUi) {
      ui.replaceChildren(el('a', { href: job.sparkUi + '/streaming/', target: '_blank', rel: 'noopener', text: 'Streaming tab' }));
    } else {
      ui.textContent = 'off';
    }
  }
  function setStatus(s, text) {
    const e = $('status');
    e.className = 'status ' + s;
    e.textContent = text;
    document.body.dataset.status = s;
  }
  function tick() {
    if (!snap) return;
    const j = snap.job;
    const end = j.status === 'stopped' && j.stoppedMs ? j.stoppedMs : Date.now();
    $('uptime').textContent = uptime(end - j.startedMs);
  }

  // ---- views by result kind ----
  function resultName(job) {
    if (job.kind === 'totals') return 'running totals';
    if (job.windowMs) return duration(job.windowMs) + ' window';
    return 'batch';
  }

  function buildView(job) {
    const views = $('views');
    views.replaceChildren();
    views.dataset.kind = job.kind;
    Object.keys(charts).forEach((k) => { charts[k].plot.destroy(); delete charts[k]; });
    const what = resultName(job);
    if (job.kind === 'counts' || job.kind === 'totals' || job.kind === 'updates') {
      const bars = card('bar-card', 'Top words of the latest ' + what, false, job.kind === 'updates' ? '(changed totals)' : '');
      bars.appendChild(el('div', { class: 'chart', id: 'bar-chart' }));
      const latest = card('latest-card', 'Latest result', false);
      latest.appendChild(el('p', { class: 'empty', id: 'latest-caption', text: 'waiting for the first result' }));
      latest.appendChild(table('latest-table', ['#', 'word', 'count'], [false, false, true]));
      const over = card('words-card', 'Top words over the last ' + 'results', true, '(count per ' + what + ')');
      over.appendChild(el('div', { class: 'chart', id: 'words-chart' }));
      views.append(bars, latest, over);
      if (job.kind === 'updates') {
        const ch = card('updates-card', 'Changes and evictions of the latest batch', true);
        ch.appendChild(el('div', { class: 'figures' }, [
          el('div', { class: 'figure' }, [el('div', { class: 'v', id: 'changed' }), el('div', { class: 'k', text: 'words changed' })]),
          el('div', { class: 'figure' }, [el('div', { class: 'v', id: 'evictions' }), el('div', { class: 'k', text: 'words evicted' })])]));
        ch.appendChild(table('evicted-table', ['evicted word', 'last total'], [false, true]));
        views.append(ch);
      }
    } else if (job.kind === 'numbers') {
      const title = job.pipeline === 'errors'
        ? 'Lines containing "' + job.match + '" per ' + what : 'Words per ' + what;
      const c = card('numbers-card', title, true, job.alertAbove != null ? '(alert above ' + job.alertAbove + ')' : '');
      c.appendChild(el('div', { class: 'chart', id: 'numbers-chart' }));
      const t = card('windows-card', 'Latest windows', false);
      t.appendChild(table('windows-table', ['window ending', 'count', ''], [false, true, false]));
      const a = card('alerts-card', 'Alerts', false);
      a.appendChild(el('ul', { class: 'alerts', id: 'alerts' }));
      views.append(c, t, a);
    } else if (job.kind === 'lines') {
      const c = card('matched-card', 'Matching lines per batch', true);
      c.appendChild(el('div', { class: 'chart', id: 'numbers-chart' }));
      const t = card('lines-card', 'Latest matching lines', true, '(newest first)');
      t.appendChild(table('lines-table', ['batch', 'line'], [false, false]));
      views.append(c, t);
    } else if (job.kind === 'stats') {
      const c = card('stats-card', 'Lines, words and distinct words per batch', true, '(mean count per word on the right axis)');
      c.appendChild(el('div', { class: 'chart', id: 'stats-chart' }));
      const t = card('stats-table-card', 'Latest batch', true);
      t.appendChild(table('stats-table', ['lines', 'words', 'distinct', 'mean', 'max', 'max words', 'min', 'min words'],
        [true, true, true, true, true, false, true, false]));
      views.append(c, t);
    }
  }

  function renderCounts(s) {
    const latest = s.latest;
    const counts = latest.counts || [];
    const words = counts.map((c) => c.word);
    barChart('bar-chart', words, counts.map((c) => c.count));
    const t = $('latest-table');
    t.dataset.batchTime = latest.batchTime == null ? '' : String(latest.batchTime);
    fillRows(t, counts.map((c, i) => row([[i + 1, 'rank'], [c.word, 'word'], [c.count, 'num count']])));
    $('latest-caption').textContent = latest.batchTime == null ? 'waiting for the first result'
      : resultName(s.job) + (s.job.windowMs ? ' ending ' : ' at ') + clock(latest.batchTime)
        + ' · top ' + s.job.topK + ' words';
    $('latest-caption').className = latest.batchTime == null ? 'empty' : '';
    // The words followed over time: the latest result's leaders, their counts in every kept result.
    const followed = words.slice(0, LINE_WORDS);
    const data = [seconds(s.results)].concat(followed.map((w) => s.results.map((r) => {
      const hit = (r.counts || []).find((c) => c.word === w);
      return hit ? hit.count : null;
    })));
    chart('words-chart', 'words:' + followed.join('\u0000'), (width) =>
      timeOpts(width, followed.map((w, i) => timeSeries(w, PALETTE[i % PALETTE.length], { points: { show: true, size: 4 } }))), data);
    $('words-card').querySelector('h2').firstChild.textContent =
      'Top words over the last ' + s.results.length + ' results';
    if (s.job.kind === 'updates') {
      $('changed').textContent = latest.changed == null ? '-' : String(latest.changed);
      $('evictions').textContent = latest.evictions == null ? '-' : String(latest.evictions);
      const ev = $('evicted-table');
      ev.dataset.batchTime = t.dataset.batchTime;
      fillRows(ev, (latest.evicted || []).map((c) => row([[c.word, 'word'], [c.count, 'num count']])));
    }
  }

  function renderNumbers(s) {
    const j = s.job;
    const values = s.results.map((r) => r.value);
    const series = [timeSeries(j.pipeline === 'errors' ? 'matching lines' : 'words', PALETTE[1], { points: { show: true, size: 5 } })];
    const data = [seconds(s.results), values];
    if (j.alertAbove != null) {
      series.push(timeSeries('alert above ' + j.alertAbove, '#d92d20', { dash: [6, 4], width: 1.5 }));
      data.push(s.results.map(() => j.alertAbove));
      series.push({ label: 'alert', stroke: '#d92d20', fill: '#d92d20', paths: () => null,
        points: { show: true, size: 11, fill: '#d92d20', stroke: '#fff', width: 2 } });
      data.push(s.results.map((r) => (r.alert ? r.value : null)));
    }
    chart('numbers-chart', 'numbers:' + series.length, (width) => timeOpts(width, series), data);
    const t = $('windows-table');
    const recent = s.results.slice(-WINDOW_ROWS).reverse();
    t.dataset.batchTime = s.latest.batchTime == null ? '' : String(s.latest.batchTime);
    fillRows(t, recent.map((r) => row([[clock(r.batchTime), 'time'], [r.value, 'num value'], [r.alert ? 'ALERT' : '', 'flag']],
      { 'data-batch-time': String(r.batchTime), class: r.alert ? 'alert' : '' })));
    const list = $('alerts');
    const items = s.alerts.map((a) => el('li', { 'data-batch-time': String(a.batchTime),
      text: clock(a.batchTime) + ' · ' + a.value + (j.pipeline === 'errors' ? ' lines containing "' + j.match + '"' : ' words')
        + ' in the ' + duration(j.windowMs) + ' window (above ' + j.alertAbove + ')' }));
    list.replaceChildren(...(items.length ? items
      : [el('li', { class: 'empty', style: 'border:0;background:none', text: j.alertAbove == null
        ? 'no --alert-above threshold set' : 'no alert so far' })]));
  }

  function renderLines(s) {
    chart('numbers-chart', 'matched', (width) => timeOpts(width, [timeSeries('matching lines', PALETTE[1], { points: { show: true, size: 5 } })]),
      [seconds(s.results), s.results.map((r) => r.matched)]);
    const t = $('lines-table');
    t.dataset.batchTime = s.latest.batchTime == null ? '' : String(s.latest.batchTime);
    fillRows(t, s.recentLines.map((l) => row([[clock(l.batchTime), 'time'], [l.line, 'line']], { 'data-batch-time': String(l.batchTime) })));
  }

  function renderStats(s) {
    const x = seconds(s.results);
    const opts = (width) => timeOpts(width, [
      timeSeries('lines', PALETTE[0]), timeSeries('words', PALETTE[1]), timeSeries('distinct', PALETTE[2]),
      timeSeries('mean', PALETTE[3], { scale: 'mean', dash: [5, 3] })], {
      scales: { x: { time: true }, mean: { auto: true } },
      axes: [{ stroke: '#667085', grid: { stroke: '#eef0f3' } }, { stroke: '#667085', grid: { stroke: '#eef0f3' }, size: 64 },
        { scale: 'mean', side: 1, stroke: PALETTE[3], grid: { show: false }, size: 50 }]
    });
    chart('stats-chart', 'stats', opts, [x, s.results.map((r) => r.lines), s.results.map((r) => r.words),
      s.results.map((r) => r.distinct), s.results.map((r) => r.mean)]);
    const l = s.latest;
    const t = $('stats-table');
    t.dataset.batchTime = l.batchTime == null ? '' : String(l.batchTime);
    fillRows(t, l.batchTime == null ? [] : [row([[l.lines, 'num'], [l.words, 'num'], [l.distinct, 'num'], [l.mean.toFixed(2), 'num'],
      [l.max, 'num'], [(l.maxWords || []).join(', ')], [l.min, 'num'], [(l.minWords || []).join(', ')]])]);
  }

  function renderTimings(s) {
    const b = s.batches;
    chart('timing-chart', 'timing', (width) => timeOpts(width, [
      timeSeries('processing time', PALETTE[1]), timeSeries('scheduling delay', PALETTE[4])]),
    [b.map((t) => t.batchTime / 1000), b.map((t) => (t.processingMs < 0 ? null : t.processingMs)),
      b.map((t) => (t.schedulingDelayMs < 0 ? null : t.schedulingDelayMs))]);
  }

  function apply(s) {
    snap = s;
    const j = s.job;
    const key = j.kind + '/' + j.pipeline;
    if (builtFor !== key) {
      buildView(j);
      builtFor = key;
    }
    renderHeader(j);
    if (j.kind === 'counts' || j.kind === 'totals' || j.kind === 'updates') renderCounts(s);
    else if (j.kind === 'numbers') renderNumbers(s);
    else if (j.kind === 'lines') renderLines(s);
    else if (j.kind === 'stats') renderStats(s);
    renderTimings(s);
    $('latest-time').textContent = s.latest.batchTime == null ? 'none yet' : clock(s.latest.batchTime);
    if (j.status === 'stopped') setStatus('stopped', 'job stopped');
    else setStatus('live', 'live');
    updates += 1;
    document.body.dataset.updates = String(updates);
    document.body.dataset.batchTime = s.latest.batchTime == null ? '' : String(s.latest.batchTime);
    tick();
  }

  // ---- the event stream ----
  function connect() {
    source = new EventSource('events');
    source.addEventListener('snapshot', (e) => apply(JSON.parse(e.data)));
    source.onerror = () => {
      if (snap && snap.job.status === 'stopped') {
        setStatus('stopped', 'job stopped · reconnects if the driver restarts');
      } else {
        setStatus('reconnecting', 'reconnecting');
      }
      // The browser retries by itself unless the stream was refused outright (e.g. too many pages).
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, RETRY_MS);
      }
    };
  }
  window.addEventListener('resize', () => { if (snap) apply(snap); });
  setInterval(tick, 1000);
  connect();
})();
