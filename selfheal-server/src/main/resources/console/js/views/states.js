// A state timeline per component (as Grafana's state timeline): one bar per component over the
// last hour (or since the first recorded transition, when the daemon is younger than that), a segment per status from the recorded transitions, coloured by status, so "was it
// down while I was away, and for how long" is read at a glance. Plain elements, no chart library:
// the segments are the data.
import { el, section, duration, link } from '../dom.js';

export const WINDOW_MS = 60 * 60 * 1000;

/** Segments [{from, to, status}] in ms since the epoch, covering [start, end]; pure, for any component. */
export function segments(transitions, currentStatus, start, end) {
  const sorted = [...transitions].map(t => ({ at: new Date(t.at).getTime(), from: t.from, to: t.to })).sort((a, b) => a.at - b.at);
  const before = sorted.filter(t => t.at <= start);
  const inside = sorted.filter(t => t.at > start && t.at < end);
  let status = before.length > 0 ? before[before.length - 1].to : inside.length > 0 ? inside[0].from : currentStatus;
  let from = start;
  const out = [];
  for (const t of inside) {
    out.push({ from, to: t.at, status });
    from = t.at;
    status = t.to;
  }
  out.push({ from, to: end, status });
  return out.filter(s => s.to > s.from);
}

// The width is set through the CSSOM (element.style), which the console's CSP allows; a style
// attribute would be an inline style, which it forbids.
function bar(s, span) {
  const node = el('span', {
    class: 'seg seg-' + s.status.toLowerCase(),
    dataset: { status: s.status, ms: String(s.to - s.from) },
    title: s.status + ' for ' + duration(s.to - s.from) + ' (' + new Date(s.from).toLocaleTimeString() + ' – '
      + new Date(s.to).toLocaleTimeString() + ')',
  });
  node.style.width = ((s.to - s.from) / span * 100).toFixed(3) + '%';
  return node;
}

/** The window a timeline covers: the last hour, or since the first recorded transition when that is later. */
export function windowStart(transitions, now) {
  const first = Math.min(...transitions.map(t => new Date(t.at).getTime()));
  return Math.max(now - WINDOW_MS, Number.isFinite(first) ? first : now - WINDOW_MS);
}

/** One component's bar over [start, now], with the time axis and the legend under it. */
export function stateBar(transitions, currentStatus, start, now) {
  const span = Math.max(1, now - start);
  return el('div', { class: 'states' },
    el('div', { class: 'state-bar solo' }, segments(transitions, currentStatus, start, now).map(s => bar(s, span))),
    el('div', { class: 'state-axis solo muted' }, el('span', {}, duration(span) + ' ago'), el('span', {}, 'now')),
    legend());
}

function legend() {
  return el('p', { class: 'legend muted' }, ['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN'].map(s =>
    el('span', { class: 'legend-item' }, el('span', { class: 'seg-dot seg-' + s.toLowerCase() }), s.toLowerCase())));
}

export async function stateTimelines(api, components, now = Date.now()) {
  const histories = await Promise.all(components.map(async c => {
    try {
      return { c, transitions: (await api.get('/api/components/' + encodeURIComponent(c.name) + '/history?limit=200')).transitions };
    } catch (e) {
      return { c, error: e.message };
    }
  }));
  // A bar that is grey for 59 minutes says nothing: a young daemon's bars start at its first record.
  const start = windowStart(histories.flatMap(h => h.transitions || []), now);
  const span = Math.max(1, now - start);
  const rows = histories.map(h => h.error ? h : { c: h.c, segs: segments(h.transitions, h.c.status, start, now) });
  return el('section', { class: 'card', id: 'state-timeline' },
    el('h2', {}, 'Components, last ' + duration(span), el('span', { class: 'muted' }, ' · status over time')),
    el('div', { class: 'states' },
      rows.map(r => el('div', { class: 'state-row', dataset: { component: r.c.name } },
        el('span', { class: 'state-name' }, link(r.c.name, 'component', r.c.name)),
        r.error ? el('span', { class: 'error' }, r.error) : el('div', { class: 'state-bar' }, r.segs.map(s => bar(s, span)))))),
    el('div', { class: 'state-axis muted' }, el('span', {}, duration(span) + ' ago'), el('span', {}, 'now')),
    legend());
}
