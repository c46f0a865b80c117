// Incidents: open and recent, newest first; when each opened (relative, the exact time in the
// tooltip) and how long it lasted, or how long it has been open.
import { el, badge, link, relative, table, section, duration } from '../dom.js';

async function load(_params, { api }) {
  const { incidents } = await api.get('/api/incidents?limit=200');
  const now = Date.now();
  return section('Incidents', el('div', { id: 'incidents' }, table(['Incident', 'Component', 'State', 'Severity', 'Problems', 'Opened', 'Lasted'],
    incidents.map(i => [link(i.id, 'incident', i.id), link(i.component, 'component', i.component),
      el('span', {}, badge(i.state), i.awaiting_approval ? el('span', { class: 'badge badge-waiting' }, 'awaiting approval') : null),
      badge(i.severity), i.problem_types.join(', ').replaceAll('_', ' '), relative(i.opened_at),
      el('span', { class: 'lasted', dataset: { incident: i.id } }, lasted(i, now))]), 'No incidents.')));
}

function lasted(i, now) {
  const opened = new Date(i.opened_at).getTime();
  if (i.closed_at) return duration(new Date(i.closed_at).getTime() - opened);
  return el('span', { class: 'muted' }, 'open for ' + duration(now - opened));
}

export default { load, refreshOn: topic => topic === 'incident' };
