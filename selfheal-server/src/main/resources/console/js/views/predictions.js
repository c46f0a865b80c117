// Predictions: each forecast resource (performance.resources), how full it is, when it is expected
// to run out with the band around that, how sure the forecast is, and whether it warns (a
// predicted_exhaustion incident stands for it). Without resources the predictor is off: said as
// such, with how to turn it on.
import { el, table, section, badge, relative, relativeText, duration, link } from '../dom.js';

async function load(_params, { api }) {
  const p = await api.get('/api/predictions');
  if (!p.enabled) {
    return section('Predictions', el('p', { id: 'predictions-off', class: 'muted' },
      'Prediction is not enabled in this daemon: no resource is listed under performance.resources in its config '
      + '(a heap, a disk, a directory with its quota, open files; docs/prediction.md), so nothing is forecast.'));
  }
  const warnings = p.forecasts.filter(f => f.warning).length;
  return el('div', { class: 'predictions' },
    el('section', { class: 'card', id: 'forecasts' },
      el('h2', {}, 'Forecasts', el('span', { class: 'muted' }, ' · when each resource runs out')),
      el('p', { class: 'muted', id: 'predictions-summary' }, p.forecasts.length + (p.forecasts.length === 1 ? ' resource' : ' resources')
        + ' forecast, ' + (warnings === 0 ? 'none warns' : warnings + ' warn' + (warnings === 1 ? 's' : ''))
        + ': a forecast warns when the limit is expected within ' + duration(p.horizon_seconds * 1000) + ' with confidence '
        + p.min_confidence + ' or more, and opens a predicted_exhaustion incident.'),
      table(['Component', 'Resource', 'Used', 'Runs out', 'Confidence', 'Forecaster', 'Status'],
        p.forecasts.map(f => [link(f.component, 'component', f.component), el('code', {}, f.resource),
          el('span', { class: 'used' }, usedText(f)),
          el('span', { class: 'runs-out', dataset: { resource: f.resource } }, runsOut(f, p.horizon_seconds)),
          f.method === 'none' ? el('span', { class: 'muted' }, '-') : f.confidence.toFixed(2),
          el('span', { title: heldOut(f) }, f.method === 'none' ? 'learning (' + f.readings + ' readings)' : f.method),
          el('span', { class: 'forecast-status', dataset: { resource: f.resource } },
            f.warning ? badge('warning') : badge(f.method === 'none' ? 'learning' : 'ok'))]),
        'No forecast yet.')));
}

function usedText(f) {
  const share = f.limit > 0 ? Math.round(f.used / f.limit * 100) + ' %' : '-';
  return share + ' (' + amount(f.used, f.resource) + ' of ' + amount(f.limit, f.resource) + ')';
}

// Bytes for heap, disk and directories; a plain count for open files.
export function amount(x, resource) {
  if (resource === 'open-files') return String(Math.round(x));
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = x, i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return (i === 0 ? String(Math.round(v)) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[i];
}

function runsOut(f, horizonSeconds) {
  if (f.method === 'none') return el('span', { class: 'muted' }, 'not forecast yet');
  if (!f.expected) return el('span', { class: 'muted' }, 'not within ' + duration(4 * horizonSeconds * 1000));
  const band = f.earliest && f.latest ? ' (' + relativeText(f.earliest).replace(/^in /, '') + ' to '
    + relativeText(f.latest).replace(/^in /, '') + ')' : '';
  return el('span', {}, relative(f.expected), el('span', { class: 'muted' }, band));
}

function heldOut(f) {
  return f.held_out_error == null ? 'the forecaster chosen for this series'
    : 'chosen for this series by its error on readings it did not fit: ' + (f.held_out_error * 100).toFixed(1) + ' % of the limit';
}

// Forecasts change with every reading, which sends no event: the view is fetched again every 10 s.
export default { load, refreshOn: topic => topic === 'incident', refreshEvery: 10000 };
