// Recovery catalog: each action, its settings, and how well it has worked per problem type.
import { el, table, section, duration } from '../dom.js';

async function load(_params, { api }) {
  const { actions, mapping } = await api.get('/api/recovery/actions');
  return el('div', { class: 'recovery' },
    section('Recovery actions', table(['Action', 'Risk', 'Approval', 'Timeout', 'Cooldown', 'Problems', 'Success rate'],
      actions.map(a => [el('strong', {}, a.name), a.risk, a.needs_approval ? 'needed' : 'no', duration(a.timeout_ms),
        duration(a.cooldown_ms), a.problem_types.join(', '),
        a.effectiveness.length === 0 ? el('span', { class: 'muted' }, 'not tried yet')
          : el('ul', { class: 'plain' }, a.effectiveness.map(e => el('li', {},
            e.problem_type + ': ' + Math.round(e.success_rate * 100) + ' % (' + e.successes + '/' + e.attempts
            + ', mean ' + duration(e.mean_duration_ms) + ')')))]), 'No actions registered.')),
    section('Problem → actions', table(['Problem type', 'Actions, in catalog order'],
      Object.entries(mapping).map(([type, names]) => [type, names.join(', ')]))));
}

export default { load, refreshOn: topic => topic === 'incident' };
