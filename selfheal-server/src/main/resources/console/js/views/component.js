// Component: its state over time (a state timeline, as on the overview), the latency of each
// check (uPlot), anomaly scores over each measured metric (uPlot) when there are any,
// transitions with their reasons, recent check results, and "run now" for operators.
import { el, badge, time, table, section, message, duration, humanText } from '../dom.js';
import { shorten } from './away.js';
import { stateBar, windowStart } from './states.js';

async function load(params, { api, canAct, refresh }) {
  const name = params[0];
  const [history, anomalies] = await Promise.all([
    api.get('/api/components/' + encodeURIComponent(name) + '/history?limit=200'),
    api.get('/api/components/' + encodeURIComponent(name) + '/anomalies?limit=360')]);
  const runButton = canAct ? el('button', { type: 'button', id: 'run-now', onclick: async () => {
    runButton.disabled = true;
    try { await api.post('/api/checks/' + encodeURIComponent(name) + '/run'); } catch (e) { alertError(runButton, e); }
    refresh();
  } }, 'Run check now') : null;
  const current = history.transitions.length > 0 ? history.transitions[0].to : 'UNKNOWN';
  const chart = el('div', { class: 'chart', id: 'latency-chart' });
  const now = Date.now();
  const start = windowStart(history.transitions, now);
  const view = el('div', { class: 'component' },
    el('section', { class: 'card' },
      el('h1', {}, el('span', { id: 'component-name' }, history.component), ' ', badge(current)),
      el('p', { class: 'muted' }, 'group ' + history.group), runButton),
    el('section', { class: 'card', id: 'component-states' },
      el('h2', {}, 'State, last ' + duration(now - start), el('span', { class: 'muted' }, ' · from the recorded transitions')),
      stateBar(history.transitions, current, start, now)),
    section('Check latency', chart, el('p', { class: 'muted legend' }, 'how long each recent check took, in ms')),
    anomalySection(anomalies),
    section('Transitions', table(['At', 'From', 'To', 'Reason'],
      history.transitions.map(t => [time(t.at), badge(t.from), badge(t.to), el('span', { class: 'message', title: t.reason }, humanText(shorten(t.reason, 400)))]),
      'No transitions yet.')),
    section('Recent check results', table(['At', 'Status', 'Latency', 'Message'],
      history.results.slice(0, 50).map(r => [time(r.timestamp), badge(r.status), duration(r.latency_ms),
        el('span', { class: 'message check-message' }, r.message)]), 'Not checked yet.')));
  requestAnimationFrame(() => {
    draw(chart, history.results);
    view.querySelectorAll('.anomaly-chart').forEach((c, i) => drawScores(c, anomalies.series[i], anomalies.alarm_score));
  });
  return view;
}

// One chart per measured series: the metric's value (left axis) and the detector's score, 0-1
// (right axis), with the alarm level; no score is drawn while the detector is still learning.
// Nothing measured for the component (the usual case without a performance: section): one quiet
// line rather than an empty card that reads as if something were wrong.
function anomalySection(anomalies) {
  if (anomalies.series.length === 0) {
    return el('p', { class: 'muted', id: 'anomalies-none' }, 'No metric of this component is measured for anomalies'
      + (anomalies.enabled ? '.' : ' (the daemon measures metrics only with a performance: section; docs/metrics.md).'));
  }
  return el('section', { class: 'card', id: 'anomalies' },
    el('h2', {}, 'Anomaly scores'),
    [
      ...anomalies.series.map(s => el('div', { class: 'anomaly-series', dataset: { kind: s.kind } },
        el('h3', {}, s.kind, ' ', latestScore(s)),
        el('div', { class: 'chart anomaly-chart' }))),
      el('p', { class: 'muted legend' }, 'the metric (left axis) and the ', anomalies.detector,
        ' detector\'s anomaly score, 0-1 (right axis); an anomaly is raised from score ', String(anomalies.alarm_score),
        ' once the detector has learned the series')]);
}

function latestScore(series) {
  const last = series.points[series.points.length - 1];
  if (!last) return null;
  return el('span', { class: 'muted score', title: 'latest score and the detector\'s confidence' },
    'score ' + last.score.toFixed(2) + ', confidence ' + last.confidence.toFixed(2));
}

function drawScores(container, series, alarm) {
  if (typeof uPlot === 'undefined' || !container.isConnected || !series) return;
  if (series.points.length === 0) { container.appendChild(message('No points yet.')); return; }
  const xs = series.points.map(p => Date.parse(p.at) / 1000);
  const values = series.points.map(p => p.value);
  const scores = series.points.map(p => (p.confidence > 0 ? p.score : null));
  const alarmLine = series.points.map(() => alarm);
  const height = 180;
  const plot = new uPlot({
    width: Math.max(260, container.clientWidth - 8), height,
    scales: { value: { auto: true }, score: { range: [0, 1] } },
    axes: [{}, { scale: 'value' }, { scale: 'score', side: 1, grid: { show: false } }],
    series: [{}, { label: series.kind, scale: 'value', stroke: '#2c7be5', width: 1 },
      { label: 'score', scale: 'score', stroke: '#c0392b', width: 2, spanGaps: false },
      { label: 'alarm', scale: 'score', stroke: '#999', width: 1, dash: [4, 4] }],
  }, [xs, values, scores, alarmLine], container);
  const observer = new ResizeObserver(() => {
    if (!container.isConnected) { observer.disconnect(); plot.destroy(); return; }
    plot.setSize({ width: Math.max(260, container.clientWidth - 8), height });
  });
  observer.observe(container);
}

function draw(container, results) {
  if (typeof uPlot === 'undefined' || !container.isConnected) return;
  const points = results.slice().reverse();
  if (points.length === 0) { container.appendChild(message('No results to chart yet.')); return; }
  const xs = points.map(r => Date.parse(r.timestamp) / 1000);
  const latency = points.map(r => r.latency_ms);
  const width = Math.max(260, container.clientWidth - 8);
  const plot = new uPlot({
    width, height: 220,
    scales: { ms: { auto: true } },
    axes: [{}, { scale: 'ms' }],
    series: [{}, { label: 'latency ms', scale: 'ms', stroke: '#2c7be5', width: 1 }],
  }, [xs, latency], container);
  const observer = new ResizeObserver(() => {
    if (!container.isConnected) { observer.disconnect(); plot.destroy(); return; }
    plot.setSize({ width: Math.max(260, container.clientWidth - 8), height: 220 });
  });
  observer.observe(container);
}

function alertError(button, e) {
  button.after(el('p', { class: 'error' }, e.message));
}

export default {
  load,
  refreshOn: (topic, data, params) => (topic === 'check' || topic === 'health') && data.component === params[0],
};
