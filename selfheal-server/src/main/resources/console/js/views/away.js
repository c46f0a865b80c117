// "What happened while I was away": the incidents of the last 24 h with their outcome and time
// to recovery (GET /api/incidents/digest), and the sentence saying why degradation is at its level.
import { el, badge, link, relative, table, section, duration } from '../dom.js';

const OUTCOME_TEXT = { healed: 'healed by selfheal', recovered: 'recovered without an action', escalated: 'escalated to a person',
  open: 'being handled' };

/** The figures of the summary row: incidents by outcome and the time to recovery. */
export function awayFigures(d) {
  const c = d.counts;
  const parts = ['healed', 'recovered', 'escalated', 'open'].filter(o => c[o] > 0).map(o => c[o] + ' ' + o);
  return [
    el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Last ' + duration(d.window_ms)),
      el('span', { id: 'incidents-24h' }, d.total === 0 ? 'no incident' : d.total + (d.total === 1 ? ' incident: ' : ' incidents: ')
        + parts.join(', '))),
    el('div', { class: 'summary-item' }, el('span', { class: 'label' }, 'Time to recovery'),
      el('span', { id: 'mttr', title: 'from an incident opening to its resolution, over the incidents resolved in the window' },
        d.resolved === 0 ? 'nothing resolved yet'
          : d.resolved === 1 ? duration(d.recovery_mean_ms) + ' (1 incident)'
            : 'mean ' + duration(d.recovery_mean_ms) + ', median ' + duration(d.recovery_median_ms) + ' (' + d.resolved + ' incidents)')),
  ];
}

/** The incidents of the window, newest first: when, what, what selfheal did, how it ended, how long it took. */
export function awayCard(d) {
  return el('section', { class: 'card', id: 'recent-incidents' },
    el('h2', {}, 'Last ' + duration(d.window_ms), el('span', { class: 'muted' }, ' · incidents and how they ended')),
    table(['Opened', 'Component', 'What was wrong', 'What selfheal did', 'Outcome', 'Time to recovery'],
      d.incidents.map(i => [
        el('span', {}, relative(i.opened_at), ' ', link('details', 'incident', i.id)),
        link(i.component, 'component', i.component),
        el('span', { class: 'message' }, i.problem_types.join(', ').replaceAll('_', ' '),
          i.evidence ? el('span', { class: 'muted evidence' }, ' · ' + shorten(i.evidence)) : null),
        i.actions.length === 0 ? el('span', { class: 'muted' }, 'no action') : i.actions.join(' → ').replaceAll('_', ' '),
        el('span', { class: 'outcome', dataset: { outcome: i.outcome } }, badge(i.outcome), el('span', { class: 'muted' }, OUTCOME_TEXT[i.outcome] || ''),
          i.awaiting_approval ? el('span', { class: 'badge badge-waiting' }, 'awaiting approval') : null),
        i.recovery_ms === null || i.recovery_ms === undefined ? el('span', { class: 'muted' }, i.outcome === 'open' || i.outcome === 'escalated' ? 'open ' + duration(Date.now() - new Date(i.opened_at).getTime()) : '-')
          : duration(i.recovery_ms)]),
      'No incident in the last ' + duration(d.window_ms) + '.'));
}

/**
 * Why degradation is at its level, and when it changes: pinned by hand, kept up by an action's
 * floor, held by hysteresis after the score fell (and when it steps down), or what the score is made of.
 */
export function degradationWhy(d) {
  if (d.pinned) return 'pinned by hand at this level until someone unpins it';
  if (d.level === 0) return 'full service: the score is ' + d.score.toFixed(2) + ' (below 1)';
  const parts = [];
  if (d.floor !== null && d.floor !== undefined) parts.push('an action keeps it at level ' + d.floor + ' or above');
  if (d.wanted_level < d.level && d.steps_down_at) {
    parts.push('the score (' + d.score.toFixed(2) + ') asks for level ' + d.wanted_level + ' (' + d.wanted_label + '); held for '
      + duration(d.hold_down_ms) + ' so it does not flap, it steps down to level ' + (d.level - 1));
    return el('span', {}, parts.join('; ') + ' ', relative(d.steps_down_at));
  }
  const p = d.score_parts;
  const why = [];
  if (p.unhealthy_components > 0) why.push(p.unhealthy_components + ' unhealthy component' + (p.unhealthy_components === 1 ? '' : 's'));
  if (p.performance_violations > 0) why.push(p.performance_violations + ' performance limit' + (p.performance_violations === 1 ? '' : 's') + ' crossed');
  if (p.cpu_usage !== null && p.cpu_usage >= 0.9) why.push('CPU at ' + Math.round(p.cpu_usage * 100) + ' %');
  if (p.memory_usage !== null && p.memory_usage >= 0.9) why.push('memory at ' + Math.round(p.memory_usage * 100) + ' %');
  parts.push('score ' + d.score.toFixed(2) + (why.length > 0 ? ' from ' + why.join(', ') : ''));
  return parts.join('; ');
}

// An engine's evidence can repeat itself ("x: not probed (...) (last: x: not probed (...))"): a
// clause that says again what an earlier one said is dropped, then the text is cut at max.
export function shorten(text, max = 200) {
  const parts = String(text).split(/; last answer: | \(last: /);
  const clauses = parts.length === 1 ? parts : parts.map(balanced).filter(c => c.length > 0);
  const kept = [];
  for (const c of clauses) {
    const bare = c.replace(/^[^:]+: /, '');
    if (!kept.some(k => k.includes(bare))) kept.push(c);
  }
  const joined = kept.join('; last answer: ');
  return joined.length > max ? joined.slice(0, max - 1) + '…' : joined;
}

// Drops closing parentheses that close nothing in this clause (their opening one was in the text split off).
function balanced(clause) {
  let open = 0, out = '';
  for (const ch of clause) {
    if (ch === ')') { if (open === 0) continue; open--; }
    if (ch === '(') open++;
    out += ch;
  }
  return out.trim();
}

export default { awayFigures, awayCard, degradationWhy, section };
