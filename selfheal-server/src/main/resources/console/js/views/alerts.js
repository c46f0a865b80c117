// Alerts and escalation. The alerting API (issue 6) is not in the daemon yet: this view says so.
// When /api/alerts lands, replace the body of load() with the firing / held / silenced lists
// (acknowledge, resolve, silences) and return true from refreshOn for an 'alert' topic.
import { el, section, message } from '../dom.js';

async function load(_params, { api }) {
  try {
    await api.get('/api/alerts');
  } catch (e) {
    if (e.status === 404) {
      return section('Alerts and escalation', el('p', { id: 'alerts-missing' },
        'The alerting API (/api/alerts, issue 6) is not in this daemon yet. Firing, held and silenced alerts, '
        + 'acknowledge and resolve, silences, escalation policies and who is on call will show here once it is.'));
    }
    throw e;
  }
  return section('Alerts and escalation', message('The daemon serves /api/alerts, but this console does not show it yet.'));
}

export default { load, refreshOn: topic => topic === 'alert' };
