// Degradation: the level and why it is there (and when it steps down), the score and its parts,
// feature toggles, pin and unpin.
import { el, time, table, section, message } from '../dom.js';
import { degradationWhy } from './away.js';

const LABELS = ['full_service', 'reduced_features', 'essential_only', 'read_only', 'maintenance_mode'];

async function load(_params, { api, canAct, refresh }) {
  const d = await api.get('/api/degradation');
  const parts = d.score_parts;
  return el('div', { class: 'degradation' },
    el('section', { class: 'card' },
      el('h1', {}, 'Degradation level ', el('span', { id: 'level', class: 'level level-' + d.level }, String(d.level)),
        ' ', el('span', { id: 'level-label' }, d.label)),
      el('p', { id: 'level-why' }, degradationWhy(d)),
      el('p', { id: 'pin-state' }, d.pinned ? 'Pinned at level ' + d.pinned_level + ' until unpinned.' : 'Following the score (not pinned).'),
      d.floor !== null ? el('p', {}, 'Floor ' + d.floor + ' until ', time(d.floor_until)) : null,
      canAct ? pinForm(d, api, refresh) : message('Pinning needs an operator or admin token.')),
    section('Score ' + d.score.toFixed(2), table(['Input', 'Value'], [
      ['overall healthy', String(parts.overall_healthy)],
      ['unhealthy components', String(parts.unhealthy_components)],
      ['performance violations', String(parts.performance_violations)],
      ['cpu usage', percent(parts.cpu_usage)],
      ['memory usage', percent(parts.memory_usage)]])),
    section('Features', el('ul', { class: 'features', id: 'features' }, Object.entries(d.features).map(([name, on]) =>
      el('li', { class: on ? 'on' : 'off', dataset: { feature: name } }, el('span', { class: 'dot' }), name, ' ',
        el('span', { class: 'muted' }, on ? 'on' : 'off'))))));
}

function pinForm(d, api, refresh) {
  const select = el('select', { id: 'pin-level', 'aria-label': 'level to pin' },
    LABELS.map((label, level) => el('option', { value: level, selected: level === d.level }, level + ' ' + label)));
  const reason = el('input', { id: 'pin-reason', type: 'text', placeholder: 'reason (optional)', maxlength: 200 });
  const error = el('p', { class: 'error', role: 'alert' });
  const send = async level => {
    error.textContent = '';
    try {
      await api.put('/api/degradation', reason.value.trim() ? { level, reason: reason.value.trim() } : { level });
      refresh();
    } catch (e) { error.textContent = e.message; }
  };
  return el('div', { class: 'pin-form' }, select, reason,
    el('button', { type: 'button', id: 'pin', class: 'primary', onclick: () => send(Number(select.value)) }, 'Pin'),
    el('button', { type: 'button', id: 'unpin', disabled: !d.pinned, onclick: () => send(null) }, 'Unpin'),
    error);
}

function percent(v) {
  return v === null || v === undefined ? 'not measured' : (v * 100).toFixed(1) + ' %';
}

export default { load, refreshOn: topic => topic === 'degradation' };
