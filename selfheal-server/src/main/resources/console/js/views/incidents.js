// Incidents: open and recent, newest first.
import { el, badge, link, time, table, section } from '../dom.js';

async function load(_params, { api }) {
  const { incidents } = await api.get('/api/incidents?limit=200');
  return section('Incidents', table(['Incident', 'Component', 'State', 'Severity', 'Problems', 'Opened', 'Closed'],
    incidents.map(i => [link(i.id, 'incident', i.id), i.component,
      el('span', {}, badge(i.state), i.awaiting_approval ? el('span', { class: 'badge badge-waiting' }, 'awaiting approval') : null),
      badge(i.severity), i.problem_types.join(', '), time(i.opened_at), time(i.closed_at)]), 'No incidents.'));
}

export default { load, refreshOn: topic => topic === 'incident' };
