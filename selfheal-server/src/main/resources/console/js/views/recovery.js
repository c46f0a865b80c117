// Recovery catalog: each action, its settings, and how well it has worked per problem type,
// as counts ("1 of 1 verified"); the planner's smoothed rate is named as such. In the mapping,
// an action no one registered in this setup is greyed, with the reason, rather than listed as if it could run.
import { el, table, section, duration } from '../dom.js';

const SMOOTHED = "the planner's smoothed rate, (verified + 1) / (attempts + 2): one success in one attempt is 67 %, "
  + 'so an action tried once is not ranked above one that worked 9 times in 10';

// Why a built-in action may be missing from a daemon's catalog (docs/healing.md, "In the daemon").
const EMBEDDED = 'registered only by an application that embeds selfheal';
const WHY_UNAVAILABLE = {
  scale_resources: 'not registered: it needs a scaler (healing.scaler in the config: a command or a URL that scales)',
  clear_cache: 'not registered: ' + EMBEDDED + ' with its caches (ClearableCache); the daemon has none',
  failover_database: 'not registered: ' + EMBEDDED + ' with a FailoverDataSource; the daemon has none',
  clear_dead_connections: 'not registered: ' + EMBEDDED + ' with a connection pool; the daemon has none',
  restart_integration: 'not registered: no guarded integration (integrations: in the config)',
};
const WHY_ELSE = 'not registered in this setup: no built-in or custom action of this name, so nothing here can run it';

async function load(_params, { api }) {
  const { actions, mapping } = await api.get('/api/recovery/actions');
  const registered = new Set(actions.map(a => a.name));
  return el('div', { class: 'recovery' },
    section('Recovery actions', table(['Action', 'Risk', 'Approval', 'Timeout', 'Cooldown', 'Problems', 'How it has worked'],
      actions.map(a => [el('strong', {}, a.name), a.risk.toLowerCase(), a.needs_approval ? 'needed' : 'no', duration(a.timeout_ms),
        a.cooldown_ms > 0 ? duration(a.cooldown_ms) : 'none', a.problem_types.join(', '),
        a.effectiveness.length === 0 ? el('span', { class: 'muted' }, 'not tried yet')
          : el('ul', { class: 'plain' }, a.effectiveness.map(e => el('li', { class: 'effectiveness', dataset: { problem: e.problem_type } },
            e.problem_type + ': ' + e.successes + ' of ' + e.attempts + ' verified',
            el('span', { class: 'muted', title: SMOOTHED }, ' · mean ' + duration(e.mean_duration_ms) + ' · ranked at '
              + Math.round(e.success_rate * 100) + ' % (smoothed)'))))]), 'No actions registered.')),
    section('Problem → actions', el('div', { id: 'mapping' }, table(['Problem type', 'Actions, in catalog order'],
      Object.entries(mapping).map(([type, names]) => [type, names.length === 0 ? el('span', { class: 'muted' }, 'none') : el('span', {},
        names.map((n, i) => [i > 0 ? ', ' : '', registered.has(n) ? el('span', { class: 'action available' }, n)
          : el('span', { class: 'action unavailable muted', dataset: { action: n }, title: WHY_UNAVAILABLE[n] || WHY_ELSE },
            n + ' (not available here)')]))]))),
      unavailableReasons(mapping, registered)));
}

// Each action the mapping names that cannot run here, once, with what it would need.
function unavailableReasons(mapping, registered) {
  const missing = [...new Set(Object.values(mapping).flat())].filter(n => !registered.has(n)).sort();
  if (missing.length === 0) return null;
  return el('div', { id: 'unavailable-reasons' },
    el('p', { class: 'muted' }, 'Named by the mapping but not registered here, so the planner skips them:'),
    el('ul', { class: 'plain muted' }, missing.map(n => el('li', { dataset: { action: n } }, el('strong', {}, n), ': ',
      (WHY_UNAVAILABLE[n] || WHY_ELSE).replace(/^not registered: /, '')))));
}

export default { load, refreshOn: topic => topic === 'incident' };
