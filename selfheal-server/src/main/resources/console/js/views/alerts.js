// Alerts: firing, held (and why), silenced, acknowledged, sent, resolved; each alert's decisions
// (sent to whom, or held and why); Acknowledge and Resolve; silences (list, create, expire).
// #/alerts shows the open alerts, #/alerts/<state> filters them.
import { el, badge, time, table, section, message, link, humanText } from '../dom.js';
import { shorten } from './away.js';

export const STATES = ['firing', 'held', 'silenced', 'acknowledged', 'sent', 'resolved'];
const DETAILS = 50; // decisions are fetched for at most this many alerts

async function load(params, ctx) {
  const { api } = ctx;
  const state = STATES.includes(params[0]) ? params[0] : null;
  const [list, silences, digest] = await Promise.all([
    api.get('/api/alerts' + (state ? '?state=' + encodeURIComponent(state) : '')), api.get('/api/silences'),
    state === null ? api.get('/api/incidents/digest?window=24h&limit=1').catch(() => null) : null]);
  const details = await decisionsOf(api, list.alerts);
  const form = silenceForm(ctx);
  return el('div', { class: 'alerts' },
    el('section', { class: 'card' },
      el('h1', {}, 'Alerts'),
      el('nav', { class: 'filters', id: 'alert-filters', 'aria-label': 'filter by state' },
        el('a', { href: '#/alerts', class: state === null ? 'active' : null, dataset: { state: 'open' } }, 'open'),
        STATES.map(s => el('a', { href: '#/alerts/' + s, class: state === s ? 'active' : null, dataset: { state: s } }, s))),
      alertsTable(list.alerts, details, ctx, form),
      state === null ? whileAway(digest) : null),
    section('Silences', silencesTable(silences.silences, ctx), form.node));
}

// Open alerts are what needs a person now; what was healed meanwhile (often without telling anyone)
// would leave no trace here, so the last 24 h are summed up under them, with where to read more.
function whileAway(digest) {
  if (!digest || digest.total === 0) return el('p', { class: 'muted', id: 'alerts-away' }, 'No incident in the last 24 h.');
  const c = digest.counts;
  const parts = ['healed', 'recovered', 'escalated', 'open'].filter(o => c[o] > 0).map(o => c[o] + ' ' + o);
  return el('p', { class: 'muted', id: 'alerts-away' }, 'Last 24 h: ' + digest.total + (digest.total === 1 ? ' incident (' : ' incidents (')
    + parts.join(', ') + '), each with its outcome ', el('a', { href: '#/overview' }, 'on the overview'), '; their alerts, once over, under ',
    el('a', { href: '#/alerts/resolved' }, 'resolved'), '.');
}

/** Fetches each alert's decisions (GET /api/alerts/{id}); a failure shows as a note, not a broken view. */
export async function decisionsOf(api, alerts) {
  const wanted = alerts.slice(0, DETAILS);
  const answers = await Promise.all(wanted.map(a => api.get('/api/alerts/' + encodeURIComponent(a.id)).catch(e => ({ error: e.message }))));
  const byId = {};
  wanted.forEach((a, i) => { byId[a.id] = answers[i]; });
  return byId;
}

function alertsTable(alerts, details, ctx, form) {
  if (alerts.length === 0) return message('No alerts here.', 'muted');
  const headers = ['Alert', 'Component', 'Problem', 'Severity', 'Status', 'Summary', 'Started', 'Incident', ctx.canAct ? 'Act' : null]
    .filter(h => h !== null);
  return el('div', { class: 'table-wrap' }, el('table', { id: 'alerts-table' },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, alerts.map(a => [
      // data-label names each cell on a phone, where the rows become cards (console.css)
      el('tr', { class: 'alert-row', dataset: { alert: a.id, component: a.component } },
        el('td', { 'data-label': 'Alert' }, el('code', {}, a.id)),
        el('td', { class: 'alert-component', 'data-label': 'Component' }, link(a.component, 'component', a.component)),
        el('td', { 'data-label': 'Problem' }, a.problem_type),
        el('td', { 'data-label': 'Severity' }, badge(a.severity)),
        el('td', { 'data-label': 'Status' }, statusCell(a)),
        el('td', { 'data-label': 'Summary' }, el('span', { class: 'message alert-summary', title: a.summary }, humanText(shorten(a.summary, 400))), labels(a.labels)),
        el('td', { 'data-label': 'Started' }, time(a.starts_at)),
        el('td', { 'data-label': 'Incident' }, a.incident_id ? link(a.incident_id, 'incident', a.incident_id) : '-'),
        ctx.canAct ? el('td', { class: 'actions', 'data-label': 'Act' }, actions(a, ctx, form)) : null),
      el('tr', { class: 'decisions-row', dataset: { alert: a.id } },
        el('td', { colspan: headers.length }, decisions(details[a.id])))]).flat())));
}

export function statusCell(a) {
  return el('span', { class: 'alert-status', dataset: { alert: a.id } }, badge(a.status),
    a.silenced ? badge('silenced') : null,
    a.flapping ? badge('flapping') : null,
    a.held_reason ? el('div', { class: 'held muted' }, 'held: ', el('span', { class: 'held-detail' }, a.held_detail || a.held_reason)) : null,
    a.acknowledged_by ? el('div', { class: 'muted' }, 'acknowledged by ', a.acknowledged_by) : null,
    a.told && a.told.length > 0 ? el('div', { class: 'muted' }, 'told: ', a.told.join(', ')) : null);
}

function labels(map) {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return null;
  return el('div', { class: 'entry-data alert-labels' }, entries.map(([k, v]) => el('span', { class: 'kv' }, k + '=' + v)));
}

export function decisions(detail) {
  if (!detail) return el('span', { class: 'muted' }, 'decisions: not fetched (too many alerts listed)');
  if (detail.error) return el('span', { class: 'error' }, 'decisions: ' + detail.error);
  const list = detail.decisions || [];
  return el('details', { class: 'decisions' },
    el('summary', {}, list.length + ' decision' + (list.length === 1 ? '' : 's')
      + (list.length > 0 ? ' · latest: ' + describe(list[list.length - 1]) : '')),
    el('ol', { class: 'plain decision-list' }, list.map(d => el('li', { dataset: { outcome: d.outcome } },
      time(d.at), ' ', badge(d.outcome), ' ', describe(d)))));
}

function describe(d) {
  const parts = [];
  if (d.receivers && d.receivers.length > 0) parts.push('to ' + d.receivers.join(', '));
  if (d.reason) parts.push('because ' + d.reason);
  if (d.detail) parts.push(humanText(shorten(d.detail, 400)));
  return parts.length > 0 ? parts.join(' · ') : d.outcome;
}

function actions(a, { api, me, refresh }, form) {
  if (a.status === 'resolved') return null;
  const by = { by: me && me.name ? me.name : 'console' };
  const error = el('div', { class: 'error', role: 'alert' });
  const act = (verb, button) => async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      await api.post('/api/alerts/' + encodeURIComponent(a.id) + '/' + verb, by);
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
    refresh();
  };
  const ack = a.status === 'acknowledged' ? null
    : el('button', { type: 'button', class: 'ack', dataset: { alert: a.id } }, 'Acknowledge');
  if (ack) ack.addEventListener('click', act('ack', ack));
  const resolve = el('button', { type: 'button', class: 'resolve', dataset: { alert: a.id } }, 'Resolve');
  resolve.addEventListener('click', act('resolve', resolve));
  const silence = el('button', { type: 'button', class: 'silence-this', dataset: { alert: a.id },
    onclick: () => form.prefill(['component=' + a.component]) }, 'Silence…');
  return el('div', { class: 'buttons' }, ack, resolve, silence, error);
}

function silencesTable(silences, { canAct, api, refresh }) {
  return table(['Silence', 'Matchers', 'State', 'Starts', 'Ends', 'Created by', 'Comment', canAct ? 'Act' : null].filter(h => h !== null),
    silences.map(s => [
      el('code', { class: 'silence-id', dataset: { silence: s.id } }, s.id),
      el('span', { class: 'matchers' }, s.matchers.join(', ')),
      el('span', { class: 'silence-state', dataset: { silence: s.id } }, badge(s.state)),
      time(s.starts_at), time(s.ends_at), s.created_by,
      el('span', { class: 'message' }, s.comment),
      canAct ? expireButton(s, api, refresh) : null].filter(c => c !== null)),
    'No current silences.');
}

function expireButton(s, api, refresh) {
  if (s.state === 'expired') return '-';
  const error = el('span', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'button', class: 'expire', dataset: { silence: s.id }, onclick: async () => {
    button.disabled = true;
    try {
      await api.del('/api/silences/' + encodeURIComponent(s.id));
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
    refresh();
  } }, 'Expire');
  return el('span', {}, button, error);
}

function silenceForm({ canAct, api, me, refresh }) {
  if (!canAct) return { node: message('Creating and expiring silences needs an operator or admin token.'), prefill: () => { } };
  const matchers = el('input', { id: 'silence-matchers', type: 'text', placeholder: 'component=db, severity=~critical|high',
    'aria-label': 'matchers, comma-separated', size: 36 });
  const durationInput = el('input', { id: 'silence-duration', type: 'text', value: '1h', 'aria-label': 'duration', size: 6 });
  const comment = el('input', { id: 'silence-comment', type: 'text', placeholder: 'comment (why)', 'aria-label': 'comment', maxlength: 500 });
  const error = el('p', { class: 'error', role: 'alert', id: 'silence-error' });
  const creator = me && me.name ? me.name : 'console';
  const create = el('button', { type: 'button', id: 'silence-create', class: 'primary', onclick: async () => {
    error.textContent = '';
    const list = matchers.value.split(',').map(m => m.trim()).filter(m => m.length > 0);
    if (list.length === 0) { error.textContent = 'matchers: give at least one, like component=db'; return; }
    create.disabled = true;
    try {
      await api.post('/api/silences', { matchers: list, duration: durationInput.value.trim(), created_by: creator,
        comment: comment.value.trim() });
      matchers.value = '';
      comment.value = '';
      refresh();
    } catch (e) {
      error.textContent = e.message;
    }
    create.disabled = false;
  } }, 'Create silence');
  const node = el('div', { class: 'silence-form' },
    el('h3', {}, 'New silence'),
    el('div', { class: 'pin-form' }, matchers, durationInput, comment, create),
    el('p', { class: 'muted' }, 'created by ', el('strong', {}, creator), '; matchers like component=db, severity!=low, problem_type=~disk.*'),
    error);
  return { node, prefill: list => { matchers.value = list.join(', '); comment.focus(); } };
}

export default { load, refreshOn: topic => topic === 'alert' };
