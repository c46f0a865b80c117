// Overview: the truth at a glance. Overall status, degradation and why, open incidents, what
// happened in the last 24 h (outcomes, time to recovery), each component's state over the last
// hour, every group and component, and every circuit breaker the daemon knows (its own, the
// notification receivers', and a supervised service's such as the demo's), with its outbox.
import { el, badge, link, relative, table, section, message, duration } from '../dom.js';
import { awayFigures, awayCard, degradationWhy, shorten } from './away.js';
import { stateTimelines } from './states.js';

async function load(_params, { api, canAct, refresh }) {
  const [health, degradation, digest, breakers, cluster, predictions] = await Promise.all([
    api.get('/api/health'), api.get('/api/degradation'), api.get('/api/incidents/digest?window=24h&limit=20'),
    api.get('/api/breakers').catch(e => ({ error: e.message })), api.get('/api/cluster').catch(e => ({ error: e.message })),
    api.get('/api/predictions').catch(() => null)]);
  const open = digest.incidents.filter(i => i.outcome === 'open' || i.outcome === 'escalated');
  const components = health.groups.flatMap(g => g.components);
  return el('div', { class: 'overview' },
    el('section', { class: 'card summary' },
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Overall'),
        el('span', { id: 'overall-status' }, badge(health.status))),
      el('div', { class: 'summary-item wide' }, el('span', { class: 'label' }, 'Degradation'),
        el('a', { href: '#/degradation', id: 'degradation-level', class: 'level level-' + degradation.level },
          'level ' + degradation.level + ' · ' + degradation.label.replaceAll('_', ' ') + (degradation.pinned ? ' (pinned)' : '')),
        el('span', { class: 'why', id: 'degradation-why' }, degradationWhy(degradation))),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Open incidents'),
        el('a', { href: '#/incidents', id: 'open-incident-count' }, String(open.length))),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Healing loop'),
        el('span', { id: 'loop-state' }, loopState(open)), el('span', { class: 'why', id: 'loop-node' }, nodeState(cluster))),
      awayFigures(digest),
      ahead(predictions),
      el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Checked'), relative(health.timestamp))),
    open.length > 0 ? section('Open incidents', table(['Incident', 'Component', 'State', 'What selfheal did', 'Opened'],
      open.map(i => [link(i.id, 'incident', i.id), i.component,
        el('span', {}, badge(i.outcome === 'escalated' ? 'ESCALATED' : 'OPEN'),
          i.awaiting_approval ? el('span', { class: 'badge badge-waiting' }, 'awaiting approval') : null),
        i.actions.length === 0 ? el('span', { class: 'muted' }, 'nothing yet') : i.actions.join(' → ').replaceAll('_', ' '),
        relative(i.opened_at)]))) : null,
    awayCard(digest),
    components.length > 0 ? await stateTimelines(api, components) : null,
    el('div', { class: 'groups' }, health.groups.filter(g => g.components.length > 0).map(group)),
    breakersCard(breakers, api, canAct, refresh));
}

function breakersCard(b, api, canAct, refresh) {
  if (b.error) return section('Circuit breakers', message(b.error, 'error'));
  const error = el('p', { class: 'error', role: 'alert', id: 'breaker-error' });
  const act = (name, verb) => async event => {
    event.target.disabled = true;
    error.textContent = '';
    try {
      await api.post('/api/breakers/' + encodeURIComponent(name) + '/' + verb);
    } catch (e) {
      error.textContent = name + ': ' + e.message;
      event.target.disabled = false;
    }
    refresh();
  };
  const headers = ['Breaker', 'State', 'Failure rate', 'Calls (failed / buffered)', 'Outbox', 'Retry budget left', 'Rate limit'];
  if (canAct) headers.push('Act');
  return el('section', { class: 'card', id: 'breakers' }, el('h2', {}, 'Circuit breakers'),
    table(headers, b.breakers.map(g => {
      const cells = [el('span', {}, g.name, el('span', { class: 'kind-tag' }, KIND[g.kind] || g.kind)),
        el('span', { class: 'breaker-state', dataset: { integration: g.name } }, badge(g.state)),
        g.breaker.failure_rate === null || g.breaker.failure_rate === undefined ? '-' : g.breaker.failure_rate.toFixed(0) + ' %',
        g.breaker.failed_calls + ' / ' + g.breaker.buffered_calls,
        el('span', { class: 'outbox', dataset: { integration: g.name } },
          g.outbox.capacity === null || g.outbox.capacity === undefined ? String(g.outbox.parked) : g.outbox.parked + ' / ' + g.outbox.capacity),
        el('span', { class: 'budget', dataset: { integration: g.name } }, String(g.retry_budget.left)),
        g.rate_limit.remaining === null || g.rate_limit.remaining === undefined ? '-'
          : g.rate_limit.remaining + ' / ' + g.rate_limit.limit + (g.rate_limit.near ? ' (near)' : '')];
      if (canAct) {
        cells.push(el('span', { class: 'buttons' },
          el('button', { type: 'button', class: 'force-open', dataset: { integration: g.name }, disabled: g.state === 'FORCED_OPEN',
            onclick: act(g.name, 'force-open') }, 'Force open'),
          el('button', { type: 'button', class: 'reset', dataset: { integration: g.name }, onclick: act(g.name, 'reset') }, 'Reset')));
      }
      return cells;
    }), 'No breakers: no integration or notification receiver is guarded (integrations: in the config).'),
    error);
}

// What is coming: the forecasts that warn, when the daemon forecasts anything (else nothing is shown).
function ahead(p) {
  if (!p || !p.enabled) return null;
  const warning = p.forecasts.filter(f => f.warning);
  return el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Forecasts'),
    el('a', { href: '#/predictions', id: 'forecasts-ahead' }, warning.length === 0
      ? 'no resource runs out within ' + duration(p.horizon_seconds * 1000)
      : warning.map(f => f.resource + ' of ' + f.component).join(', ') + ' may run out within ' + duration(p.horizon_seconds * 1000)));
}

// What the healing loop is doing now, from the open incidents.
function loopState(open) {
  const waiting = open.filter(i => i.awaiting_approval).length;
  const escalated = open.filter(i => i.outcome === 'escalated').length;
  const acting = open.length - escalated;
  const parts = [];
  if (acting > 0) parts.push('acting on ' + acting + (acting === 1 ? ' incident' : ' incidents'));
  if (waiting > 0) parts.push(waiting + ' waiting for approval');
  if (escalated > 0) parts.push(escalated + ' escalated to a person');
  return parts.length === 0 ? 'watching: nothing to heal' : parts.join(', ');
}

// Whether this node acts: a single node always does; in a cluster only the lease holder does.
function nodeState(c) {
  if (!c || c.error) return null;
  if (c.mode === 'single-node') return 'single node';
  const alive = c.nodes.filter(n => n.alive).length;
  const of = ' (' + alive + ' of ' + c.nodes.length + ' nodes alive)';
  if (c.leading) return 'this node leads, fencing token ' + c.token + of;
  return c.leader ? 'follower: ' + c.leader + ' leads' + of : 'no leader: no node acts until one takes the lease' + of;
}

const KIND = { integration: 'daemon', notification: 'notification', service: 'supervised service' };

function group(g) {
  return el('section', { class: 'card group', dataset: { group: g.name } },
    el('h2', {}, g.name, ' ', badge(g.status)),
    el('p', { class: 'muted' }, g.policy + ' · ' + g.message),
    table(['Component', 'Status', 'Message', 'Since', 'Last check'], g.components.map(c => [
      link(c.name, 'component', c.name),
      el('span', { class: 'component-status', dataset: { component: c.name } }, badge(c.status)),
      el('span', { class: 'message' }, shorten(c.message, 160)),
      relative(c.since),
      c.last_check ? el('span', {}, relative(c.last_check.timestamp), ' · ', duration(c.last_check.latency_ms)) : '-']),
      'No components in this group.'));
}

export default {
  load,
  refreshOn: topic => topic === 'health' || topic === 'incident' || topic === 'degradation' || topic === 'breaker',
};
