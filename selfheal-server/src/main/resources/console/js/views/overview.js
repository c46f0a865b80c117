// Overview: overall status, degradation level, every group and component, open incidents,
// and (once the guards API exists) breaker states.
import { el, badge, link, time, table, section, message, duration } from '../dom.js';

async function load(_params, { api }) {
  const [health, degradation, incidents] = await Promise.all([
    api.get('/api/health'), api.get('/api/degradation'), api.get('/api/incidents?limit=100')]);
  const open = incidents.incidents.filter(i => i.state !== 'RESOLVED');
  return el('div', { class: 'overview' },
    el('section', { class: 'card summary' },
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Overall'),
        el('span', { id: 'overall-status' }, badge(health.status))),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Degradation'),
        el('a', { href: '#/degradation', id: 'degradation-level', class: 'level level-' + degradation.level },
          'level ' + degradation.level + ' · ' + degradation.label + (degradation.pinned ? ' (pinned)' : ''))),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Open incidents'),
        el('a', { href: '#/incidents', id: 'open-incident-count' }, String(open.length))),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Checked'), time(health.timestamp))),
    section('Open incidents', table(['Incident', 'Component', 'State', 'Severity', 'Opened'],
      open.map(i => [link(i.id, 'incident', i.id), i.component,
        el('span', {}, badge(i.state), i.awaiting_approval ? el('span', { class: 'badge badge-waiting' }, 'awaiting approval') : null),
        badge(i.severity), time(i.opened_at)]), 'No open incidents.')),
    el('div', { class: 'groups' }, health.groups.filter(g => g.components.length > 0).map(group)),
    emptyGroups(health.groups),
    section('Circuit breakers', message('Breaker states appear here once the guards API (issue 3) is in the daemon.')));
}

function emptyGroups(groups) {
  const empty = groups.filter(g => g.components.length === 0).map(g => g.name);
  return empty.length === 0 ? null : message('Groups with no components: ' + empty.join(', ') + '.');
}

function group(g) {
  return el('section', { class: 'card group', dataset: { group: g.name } },
    el('h2', {}, g.name, ' ', badge(g.status)),
    el('p', { class: 'muted' }, g.policy + ' · ' + g.message),
    table(['Component', 'Status', 'Message', 'Since', 'Last check'], g.components.map(c => [
      link(c.name, 'component', c.name),
      el('span', { class: 'component-status', dataset: { component: c.name } }, badge(c.status)),
      el('span', { class: 'message' }, c.message),
      time(c.since),
      c.last_check ? el('span', {}, time(c.last_check.timestamp), ' · ', duration(c.last_check.latency_ms)) : '-']),
      'No components in this group.'));
}

export default {
  load,
  refreshOn: topic => topic === 'health' || topic === 'incident' || topic === 'degradation',
};
