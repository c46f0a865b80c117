// Escalation: the configured policies (what happens, level by level, while an alert stays
// unacknowledged) and who is on call now on each schedule (GET /api/escalation).
import { el, badge, time, table, section, duration } from '../dom.js';

async function load(_params, { api }) {
  const e = await api.get('/api/escalation');
  return el('div', { class: 'escalation' },
    section('On call now', table(['Schedule', 'On call now', 'Rotation', 'Participants', 'Handoff', 'Next handoff'],
      e.schedules.map(s => [s.name, el('strong', { class: 'on-call', dataset: { schedule: s.name } }, s.on_call),
        s.rotation, s.participants.join(', '), s.handoff + ' (' + s.zone + ')', time(s.next_handoff)]),
      'No on-call schedules are configured (alerting.schedules).')),
    section('Escalation policies', e.policies.length === 0
      ? el('p', { class: 'muted' }, 'No escalation policies are configured (alerting.policies).')
      : el('div', { class: 'policies' }, e.policies.map(p => el('div', { class: 'policy', dataset: { policy: p.name } },
        el('h3', {}, p.name, ' ', p.is_default ? badge('default') : null),
        el('p', { class: 'muted' }, 'repeats ' + p.repeats + ' time' + (p.repeats === 1 ? '' : 's') + ', a round every '
          + duration(p.round_length_ms)),
        table(['After', 'Action'], p.levels.map(l => [duration(l.after_ms), el('code', {}, l.action)])))))),
    el('p', { class: 'muted' }, 'as of ', time(e.at)));
}

export default { load, refreshOn: topic => topic === 'alert' };
