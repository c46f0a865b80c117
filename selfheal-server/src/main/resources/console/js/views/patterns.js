// Patterns: what failure pattern analysis found in the failures seen (GET /api/patterns):
// failures that recur at a time of day or week, the failure edges in force (configured and
// learned), learned edges the configuration does not name (suggestions to add), failures that come
// together without a known edge, and recent cascades with their ranked root causes. A daemon
// without pattern analysis (the endpoint missing, or enabled: false) says so.
import { el, table, section, relative, link } from '../dom.js';
import { ApiError } from '../api.js';

async function load(_params, { api }) {
  let p;
  try {
    p = await api.get('/api/patterns');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return notEnabled('this daemon has no pattern analysis');
    throw e;
  }
  if (!p.enabled) return notEnabled('healing.patterns.enabled is false in its config');
  const list = name => Array.isArray(p[name]) ? p[name] : [];
  return el('div', { class: 'patterns' },
    el('section', { class: 'card summary-line' }, el('p', { class: 'muted', id: 'patterns-summary' },
      (p.events || 0) + ' failures recorded' + (p.dropped > 0 ? ' (' + p.dropped + ' not tracked: too many components)' : '')
      + (p.at ? '; report made ' : ''), p.at ? relative(p.at) : null)),
    section('Recurring failures', el('div', { id: 'temporal' }, table(['Component', 'When', 'How often', 'Confidence', 'State'],
      list('temporal').map(t => [link(t.component, 'component', t.component), when(t),
        t.recent_hits + ' of the last ' + t.recent_trials + (t.recurrence === 'weekly' ? ' weeks' : ' days')
          + ' (' + t.hits + ' of ' + t.trials + ' overall)',
        num(t.confidence, 3), t.active ? 'recurring' : el('span', { class: 'muted' }, 'stopped recurring')]),
      'No recurring failure: a failure that comes back at the same hour on at least 3 days (or weeks), more often than '
        + 'chance, shows here.'))),
    section('Suggested dependencies', el('div', { id: 'suggestions' }, table(['Upstream', 'Downstream', 'Evidence', 'Found'],
      list('suggestions').map(e => [e.from, e.to, el('span', { class: 'message' }, e.description || ''),
        e.first_found ? relative(e.first_found) : '-']),
      'No learned dependency that the configuration does not already name.')),
      el('p', { class: 'muted' }, 'Learned from which failures follow which: add them to alerting.dependencies to have '
        + 'downstream alerts held while the upstream one is open.')),
    section('Failure edges in force', el('div', { id: 'edges' }, table(['Upstream', 'Downstream', 'Source', 'Evidence'],
      list('edges').map(e => [e.from, e.to, e.configured ? 'configured' : 'learned', el('span', { class: 'message' }, e.description || '')]),
      'No edge: no dependency is configured and none has been learned yet.'))),
    section('Failing together', el('div', { id: 'correlations' }, table(['Components', 'Together', 'Support', 'Lift', 'Likely why'],
      list('correlations').map(c => [c.a + ' and ' + c.b, c.together + ' times', num(c.support, 3),
        c.lift == null ? '-' : num(c.lift, 1) + '×', c.shared_upstream ? 'both follow ' + c.shared_upstream : 'no known shared cause']),
      'No failures that come together without a dependency explaining it.'))),
    section('Cascades', el('div', { id: 'cascades' }, table(['Incident', 'Components', 'Likely root causes'],
      list('cascades').map(c => [el('span', {}, link(c.incident_id, 'incident', c.incident_id), ' ', relative(c.opened_at)),
        (c.components || []).join(', '),
        el('ol', { class: 'causes' }, (c.root_causes || []).map(r => el('li', {}, r.evidence || r.component)))]),
      'No incident has taken in other components\' failures yet.'))));
}

function notEnabled(why) {
  return section('Patterns', el('p', { id: 'patterns-off', class: 'muted' }, 'Pattern analysis is not enabled: ' + why
    + '. With it, recurring failures, learned dependencies and cascades show here (docs/patterns.md).'));
}

function when(t) {
  const hours = String(t.from_hour).padStart(2, '0') + ':00–' + String(t.to_hour).padStart(2, '0') + ':00 ' + (t.zone || '');
  if (t.recurrence === 'weekly' && t.day_of_week) return 'most ' + t.day_of_week.charAt(0).toUpperCase() + t.day_of_week.slice(1) + 's ' + hours;
  return 'most days ' + hours;
}

function num(x, digits) {
  return x == null ? '-' : Number(x).toFixed(digits);
}

export default { load, refreshOn: topic => topic === 'incident', refreshEvery: 60000 };
