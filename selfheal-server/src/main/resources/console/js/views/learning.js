// Learning: what the learning system has seen and what it makes of it. Per problem type, kind of
// component and action, how often the action fixed it, as counts of its last tries ("3 of 4
// verified"), the estimate the planner ranks by (named as an estimate, with its 90 % bounds),
// and how long a fix took; then the recovery records it learns from, newest first, a page at a
// time (#/learning/<before>); and the performance limits learned from each component's normal
// behaviour. A daemon whose engine learns nothing answers 404: said as such.
import { el, table, section, message, duration, relative, link, humanText } from '../dom.js';
import { ApiError } from '../api.js';
import { shorten } from './away.js';

const PAGE = 25;

const ESTIMATE = 'the learning system\'s estimate of the chance this action fixes this problem on this kind of component: '
  + 'the mean of a Beta posterior over its outcomes, older ones weighing less; in brackets its 90 % bounds. '
  + 'The planner orders actions by it.';

async function load(params, { api }) {
  const before = params[0] && /^\d+$/.test(params[0]) ? params[0] : null;
  let effectiveness, page;
  const limits = api.get('/api/learning/limits').catch(() => null);
  try {
    [effectiveness, page] = await Promise.all([api.get('/api/learning/effectiveness'),
      api.get('/api/learning/records?limit=' + PAGE + (before ? '&before=' + before : ''))]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return el('div', { class: 'learning' }, notEnabled(), limitsCard(await limits));
    throw e;
  }
  return el('div', { class: 'learning' },
    section('What has worked', el('div', { id: 'effectiveness' }, table(
      ['Problem', 'Kind', 'Action', 'Last tries', 'Estimated to fix', 'Time to a verified fix', 'Time when it did not'],
      sorted(effectiveness.effectiveness).map(k => [k.problem_type, k.kind, el('strong', {}, k.action),
        el('span', { class: 'tries', dataset: { problem: k.problem_type, action: k.action } }, tries(k)),
        el('span', { class: 'estimate', title: ESTIMATE }, pct(k.mean) + ' (' + pct(k.lower) + '–' + pct(k.upper) + ')'),
        k.median_verified_ms == null ? el('span', { class: 'muted' }, '-') : 'median ' + duration(k.median_verified_ms),
        k.failure_time_ms == null ? el('span', { class: 'muted' }, '-') : duration(k.failure_time_ms)]),
      'Nothing learned yet: the first recovery that ends (healed or not) is the first record.')),
    el('p', { class: 'muted' }, '"Last tries" counts the raw outcomes of the most recent attempts; "estimated to fix" is the '
      + 'smoothed figure the planner ranks by (hover for how it is made), so one success in one try is not ranked as certain.')),
    limitsCard(await limits),
    recordsCard(page, before));
}

// The performance limits learned from normal behaviour, as they are in force now.
function limitsCard(body) {
  const limits = body ? body.limits : [];
  return el('section', { class: 'card', id: 'learned-limits' },
    el('h2', {}, 'Learned limits', el('span', { class: 'muted' }, ' · from each component\'s normal behaviour')),
    table(['Component', 'Metric', 'Limit', 'Held within', 'Learned from', 'Last moved'],
      limits.map(l => [link(l.component, 'component', l.component), l.metric,
        el('strong', { class: 'learned-limit', dataset: { component: l.component, metric: l.metric } }, amount(l.metric, l.limit)),
        amount(l.metric, l.floor) + ' – ' + amount(l.metric, l.cap),
        l.samples + ' normal readings',
        el('span', {}, relative(l.learned_at), l.restored
          ? el('span', { class: 'muted restored' }, ' · kept from before the restart') : null)]),
      body ? 'No limit learned yet: every metric is held to its configured limit (healing.learning.adaptive-limits).'
        : 'The learned limits could not be read.'));
}

function amount(metric, x) {
  if (metric === 'response-time-p95') return Math.round(x) + ' ms';
  if (metric === 'concurrent-requests') return String(Math.round(x));
  return (Math.round(x * 1000) / 10) + ' %';
}

function notEnabled() {
  return section('Learning', el('p', { id: 'learning-off', class: 'muted' },
    'Learning is not enabled in this daemon: its healing engine keeps no recovery records, so plans follow the catalog order.'));
}

function sorted(list) {
  return [...list].sort((a, b) => a.problem_type.localeCompare(b.problem_type) || a.kind.localeCompare(b.kind) || b.mean - a.mean);
}

function tries(k) {
  if (k.recent_tried === 0) return 'not tried yet';
  return k.recent_verified + ' of ' + k.recent_tried + ' verified';
}

function pct(x) {
  return Math.round(x * 100) + ' %';
}

function recordsCard(page, before) {
  const records = page.records;
  const nav = el('p', { class: 'pager' },
    before ? link('newest', 'learning') : null,
    before && page.next_before != null ? ' · ' : null,
    page.next_before != null ? el('a', { href: '#/learning/' + page.next_before, id: 'older-records' }, 'older records') : null);
  return el('section', { class: 'card', id: 'records' },
    el('h2', {}, 'Recovery records', el('span', { class: 'muted' }, ' · what it learns from, newest first')),
    table(['Ended', 'Component', 'Problem', 'Steps', 'Outcome', 'Time to recovery', 'Context'],
      records.map(r => [el('span', {}, relative(r.ended_at), ' ', link('incident', 'incident', r.incident_id)),
        el('span', {}, link(r.component, 'component', r.component), el('span', { class: 'kind-tag' }, r.kind)),
        r.problem_types.join(', ').replaceAll('_', ' '),
        r.steps.length === 0 ? el('span', { class: 'muted' }, 'no step ran') : el('ul', { class: 'plain' }, r.steps.map(step)),
        el('span', { class: 'record-outcome', dataset: { seq: String(r.seq) } }, outcome(r),
          el('span', { class: 'muted message', title: r.reason }, ' ' + humanText(shorten(why(r), 240)))),
        duration(r.time_to_recovery_ms),
        el('span', { class: 'muted' }, context(r))]),
      before ? 'No older records.' : 'No recovery record yet.'),
    nav);
}

// The outcome already says which action fixed it: the reason is read from what follows "verified after <action>: ".
function why(r) {
  const prefix = 'verified after ' + r.fixed_by + ': ';
  return r.fixed_by && r.reason.startsWith(prefix) ? r.reason.slice(prefix.length) : r.reason;
}

function step(s) {
  return el('li', {}, s.action.replaceAll('_', ' ') + ' ' + s.status.toLowerCase() + ' in ' + duration(s.duration_ms)
    + (s.verified ? ', verified ' + duration(s.to_verdict_ms) + ' later' : ', not verified'));
}

function outcome(r) {
  if (r.fixed_by) return el('strong', {}, 'fixed by ' + r.fixed_by.replaceAll('_', ' '));
  return el('strong', {}, r.outcome.toLowerCase().replaceAll('_', ' ') + (r.verified ? ', verified' : ''));
}

// What the learning system compares incidents by: when, how degraded, what else was failing.
function context(r) {
  const parts = [r.weekday.charAt(0) + r.weekday.slice(1).toLowerCase() + ' ' + String(r.hour_of_day).padStart(2, '0') + ':00',
    'level ' + r.degradation_level];
  if (r.others_unhealthy.length > 0) parts.push('also failing: ' + r.others_unhealthy.join(', '));
  if (r.since_last_incident_ms != null) parts.push(duration(r.since_last_incident_ms) + ' after the previous incident');
  return parts.join(' · ');
}

export default { load, refreshOn: topic => topic === 'incident' };
