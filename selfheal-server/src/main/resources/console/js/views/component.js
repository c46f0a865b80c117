// Component: status history chart (uPlot), transitions with their reasons, recent check results,
// and "run now" for operators.
import { el, badge, time, table, section, message, duration } from '../dom.js';

const LEVEL = { HEALTHY: 0, DEGRADED: 1, UNHEALTHY: 2, UNKNOWN: null };

async function load(params, { api, canAct, refresh }) {
  const name = params[0];
  const history = await api.get('/api/components/' + encodeURIComponent(name) + '/history?limit=200');
  const runButton = canAct ? el('button', { type: 'button', id: 'run-now', onclick: async () => {
    runButton.disabled = true;
    try { await api.post('/api/checks/' + encodeURIComponent(name) + '/run'); } catch (e) { alertError(runButton, e); }
    refresh();
  } }, 'Run check now') : null;
  const current = history.transitions.length > 0 ? history.transitions[0].to : 'UNKNOWN';
  const chart = el('div', { class: 'chart', id: 'status-chart' });
  const view = el('div', { class: 'component' },
    el('section', { class: 'card' },
      el('h1', {}, el('span', { id: 'component-name' }, history.component), ' ', badge(current)),
      el('p', { class: 'muted' }, 'group ' + history.group), runButton),
    section('Status and latency', chart,
      el('p', { class: 'muted legend' }, 'each check result: status 0 healthy, 1 degraded, 2 unhealthy (left axis); latency in ms (right axis)')),
    section('Transitions', table(['At', 'From', 'To', 'Reason'],
      history.transitions.map(t => [time(t.at), badge(t.from), badge(t.to), el('span', { class: 'message' }, t.reason)]),
      'No transitions yet.')),
    section('Recent check results', table(['At', 'Status', 'Latency', 'Message'],
      history.results.slice(0, 50).map(r => [time(r.timestamp), badge(r.status), duration(r.latency_ms),
        el('span', { class: 'message check-message' }, r.message)]), 'Not checked yet.')));
  requestAnimationFrame(() => draw(chart, history.results));
  return view;
}

function draw(container, results) {
  if (typeof uPlot === 'undefined' || !container.isConnected) return;
  const points = results.slice().reverse();
  if (points.length === 0) { container.appendChild(message('No results to chart yet.')); return; }
  const xs = points.map(r => Date.parse(r.timestamp) / 1000);
  const status = points.map(r => LEVEL[r.status] ?? null);
  const latency = points.map(r => r.latency_ms);
  const width = Math.max(260, container.clientWidth - 8);
  const plot = new uPlot({
    width, height: 220,
    scales: { status: { range: [0, 2.2] }, ms: { auto: true } },
    axes: [{}, { scale: 'status', values: (_u, ticks) => ticks.map(t => Number.isInteger(t) ? t : '') },
      { scale: 'ms', side: 1, grid: { show: false } }],
    series: [{}, { label: 'status', scale: 'status', stroke: '#c0392b', width: 2, paths: uPlot.paths.stepped({ align: 1 }) },
      { label: 'latency ms', scale: 'ms', stroke: '#2c7be5', width: 1 }],
  }, [xs, status, latency], container);
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
