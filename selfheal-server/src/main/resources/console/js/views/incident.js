// Incident: its story. Signals, the plan, each step with outcome and duration, verification,
// decisions with their reasons; approve a waiting action with one click.
import { el, badge, time, table, section, message, duration, link, humanText } from '../dom.js';
import { shorten } from './away.js';
import { decisionsOf, decisions, statusCell } from './alerts.js';

async function load(params, { api, canAct, refresh, me }) {
  const id = params[0];
  const [incident, alerts, similar] = await Promise.all([api.get('/api/incidents/' + encodeURIComponent(id)),
    api.get('/api/alerts?incident=' + encodeURIComponent(id)).catch(e => ({ error: e.message })),
    api.get('/api/incidents/' + encodeURIComponent(id) + '/recommendations').catch(() => null)]);
  const alertDetails = alerts.error ? {} : await decisionsOf(api, alerts.alerts);
  return el('div', { class: 'incident' },
    el('section', { class: 'card' },
      el('h1', {}, 'Incident ', el('span', { id: 'incident-id' }, incident.id)),
      el('p', {}, 'component ', el('a', { href: '#/component/' + encodeURIComponent(incident.component) }, incident.component),
        ' · ', el('span', { id: 'incident-state' }, badge(incident.state)), ' · severity ', badge(incident.severity)),
      el('p', { class: 'muted' }, 'opened ', time(incident.opened_at), ' · last signal ', time(incident.last_signal_at),
        ' · closed ', time(incident.closed_at)),
      approval(incident, api, canAct, refresh, me)),
    section('Signals', table(['At', 'Type', 'Severity', 'Source', 'Evidence'],
      incident.problems.map(p => [time(p.at), p.type, badge(p.severity), p.source,
        el('span', { class: 'message', title: p.evidence }, humanText(shorten(p.evidence, 400)))]))),
    incident.plan ? plan(incident.plan) : null,
    section('Steps', table(['Action', 'Target', 'Outcome', 'Started', 'Duration', 'Message'],
      incident.steps.map(s => [s.action, s.target, badge(s.outcome), time(s.started_at), duration(s.duration_ms),
        el('span', { class: 'message' }, humanText(s.message))]), 'No step has run.')),
    similar && similar.enabled !== false ? recommendations(similar) : null,
    alertsSection(alerts, alertDetails),
    section('Timeline', el('ol', { class: 'timeline', id: 'timeline' }, incident.timeline.map(entry))));
}

// The incident's alerts: sent (to whom) or held (and why), with every decision.
function alertsSection(alerts, details) {
  if (alerts.error) return section('Alerts', message(alerts.error, 'error'));
  return section('Alerts', el('div', { id: 'incident-alerts' }, table(['Alert', 'Status', 'Summary', 'Decisions'],
    alerts.alerts.map(a => [link(a.id, 'alerts'), statusCell(a), el('span', { class: 'message', title: a.summary }, shorten(a.summary, 400)),
      decisions(details[a.id])]),
    'No alert was raised for this incident.')));
}

// What fixed the past incidents most like this one (the learning system's nearest records); absent
// when the daemon learns nothing.
function recommendations(r) {
  return el('section', { class: 'card', id: 'recommendations' }, el('h2', {}, 'What fixed similar incidents'),
    table(['Action', 'Fixed', 'Median time to recovery', 'Examples'], r.recommendations.map(x => [el('strong', {}, x.action),
      el('span', { class: 'fixed', dataset: { action: x.action } }, x.fixed + ' of the ' + x.nearest + ' most similar'),
      duration(x.median_time_ms), el('span', {}, x.examples.map((e, i) => [i > 0 ? ', ' : '', link(e, 'incident', e)]))]),
    'No similar incident has ended yet: past recoveries are compared by problem, kind of component, what else was failing, '
      + 'the hour and the degradation level.'));
}

function plan(p) {
  const skipped = p.skipped || [];
  return section('Current plan',
    el('p', { class: 'muted' }, 'risk ', badge(p.risk), ' · estimated ', duration(p.estimated_ms)),
    table(['#', 'Action', 'Problem', 'Risk', 'Ranked at (smoothed)'], (p.steps || []).map((s, i) => [String(i + 1), s.action,
      s.problem_type, badge(s.risk), s.success_rate === undefined ? '-' : el('span', { title: "the planner's smoothed success rate, "
        + '(verified + 1) / (attempts + 2); the counts are on the Recovery view' }, Math.round(s.success_rate * 100) + ' %')])),
    skipped.length > 0 ? el('ul', { class: 'plain muted' }, skipped.map(s => el('li', {}, 'skipped: '
      + humanText(typeof s === 'string' ? s : Object.entries(s).map(([k, v]) => k + '=' + v).join(' '))))) : null);
}

function approval(incident, api, canAct, refresh, me) {
  if (!incident.awaiting_approval) return null;
  const box = el('div', { class: 'approval', id: 'approval' },
    el('p', {}, el('strong', {}, 'Waiting for approval. '), 'The next step needs a person to say yes.'));
  if (!canAct) {
    box.appendChild(message('Your role (' + (me ? me.role : '?') + ') may not approve; an operator or admin can.'));
    return box;
  }
  const button = el('button', { type: 'button', id: 'approve', class: 'primary', onclick: async () => {
    button.disabled = true;
    try {
      await api.post('/api/incidents/' + encodeURIComponent(incident.id) + '/approve', { by: me && me.name ? me.name : 'console' });
      button.textContent = 'Approved';
    } catch (e) {
      box.appendChild(message(e.message, 'error'));
      button.disabled = false;
    }
    refresh();
  } }, 'Approve');
  box.appendChild(button);
  return box;
}

function entry(e) {
  const data = Object.entries(e.data || {});
  return el('li', { class: 'entry entry-' + e.kind.toLowerCase(), dataset: { kind: e.kind } },
    el('div', { class: 'entry-head' }, el('span', { class: 'kind' }, e.kind), ' ', time(e.at)),
    el('div', { class: 'message' }, humanText(shorten(e.message, 2000))),
    data.length > 0 ? el('div', { class: 'entry-data' }, data.map(([k, v]) => el('span', { class: 'kv' }, k + '=' + humanText(v)))) : null);
}

export default {
  load,
  refreshOn: (topic, data, params) => (topic === 'incident' && data.id === params[0]) || topic === 'alert',
};
