// Audit (admin): who did what, newest first.
import { el, badge, time, table, section } from '../dom.js';

async function load(_params, { api }) {
  const { entries } = await api.get('/api/audit?limit=200');
  return section('Audit log', table(['At', 'By', 'Role', 'Call', 'Status', 'Outcome'],
    entries.map(e => [time(e.at), e.by, e.role, el('code', {}, e.method + ' ' + e.path), String(e.status), badge(e.outcome)]),
    'No mutating call yet.'));
}

export default { load, refreshOn: () => false };
