// The console shell: sign-in, the hash router (#/overview, #/component/<name>, ...), the live
// event stream, and re-rendering the open view when an event says its data changed.
import { api, session, listen, ApiError } from './api.js';
import { el, fill, message, keepRelativeTimesFresh } from './dom.js';
import overview from './views/overview.js';
import component from './views/component.js';
import incidents from './views/incidents.js';
import incident from './views/incident.js';
import degradation from './views/degradation.js';
import recovery from './views/recovery.js';
import alerts from './views/alerts.js';
import escalation from './views/escalation.js';
import audit from './views/audit.js';
import learning from './views/learning.js';
import patterns from './views/patterns.js';
import predictions from './views/predictions.js';

const views = { overview, component, incidents, incident, degradation, recovery, learning, patterns, predictions, alerts, escalation,
  audit };
const $ = id => document.getElementById(id);

const state = { me: null, stopListening: null, refreshTimer: null, pollTimer: null, refreshPending: false, rendering: 0, shown: null };

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(p => p.length > 0).map(decodeURIComponent);
  const name = views[parts[0]] ? parts[0] : 'overview';
  return { name, params: parts.slice(1) };
}

function canAct() {
  return state.me && (state.me.role === 'operator' || state.me.role === 'admin');
}

async function render() {
  const { name, params } = route();
  const view = views[name];
  const ticket = ++state.rendering;
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.view === name
    || (name === 'incident' && a.dataset.view === 'incidents')));
  let content;
  try {
    content = await view.load(params, { me: state.me, canAct: canAct(), refresh: scheduleRefresh, api });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { showSignIn('Your token was not accepted; sign in again.'); return; }
    content = el('section', { class: 'card' }, el('h2', {}, 'Could not load this view'), message(e.message, 'error'));
  }
  if (ticket !== state.rendering) return; // a newer render started meanwhile
  // Loading can take a while; someone may have started typing into the view it would replace.
  // A refresh of the view on screen then waits for them, as it does when it starts (refreshUnlessEditing).
  if (state.shown === location.hash && editing()) { state.refreshPending = true; return; }
  const target = $('view');
  fill(target, content);
  state.shown = location.hash;
  target.dataset.view = name;
  target.dataset.rendered = String(ticket);
  // A view whose data changes without an event (forecasts, patterns) asks to be fetched again now and then.
  clearTimeout(state.pollTimer);
  if (view.refreshEvery) state.pollTimer = setTimeout(scheduleRefresh, view.refreshEvery);
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refreshUnlessEditing, 250);
}

// A live update must not wipe what someone is typing or choosing (a pin reason, a level):
// while a field in the view has focus, the refresh waits until focus leaves it.
function refreshUnlessEditing() {
  if (editing()) {
    state.refreshPending = true;
    return;
  }
  render();
}

function editing() {
  const active = document.activeElement;
  return active !== null && $('view').contains(active) && ['INPUT', 'SELECT', 'TEXTAREA'].includes(active.tagName);
}

document.addEventListener('focusout', () => {
  if (state.refreshPending) { state.refreshPending = false; scheduleRefresh(); }
});

function onEvent(topic, data) {
  const { name, params } = route();
  const view = views[name];
  if (topic === 'hello' || (view.refreshOn && view.refreshOn(topic, data || {}, params))) scheduleRefresh();
}

function onStreamState(s) {
  const live = $('live');
  live.textContent = s === 'live' ? 'live' : s === 'unauthorized' ? 'signed out' : 'reconnecting';
  live.className = 'live live-' + s;
  if (s === 'unauthorized') showSignIn('Your token was not accepted; sign in again.');
}

function showSignIn(why) {
  if (state.stopListening) { state.stopListening(); state.stopListening = null; }
  session.signOut();
  state.me = null;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  fill($('view'));
  state.shown = null;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = why || '';
  $('token').focus();
}

async function start() {
  let me;
  try {
    me = await api.get('/api/whoami');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showSignIn(session.token() ? 'Your token was not accepted; sign in again.' : '');
      return;
    }
    fill($('view'), el('section', { class: 'card' }, el('h2', {}, 'The daemon did not answer'), message(e.message, 'error')));
    return;
  }
  state.me = me;
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('who').textContent = me.auth ? me.name + ' (' + me.role + ')' : 'no tokens configured (loopback only)';
  $('sign-out').hidden = !me.auth;
  document.querySelectorAll('#nav [data-role=admin]').forEach(a => { a.hidden = me.role !== 'admin'; });
  state.stopListening = listen(onEvent, onStreamState);
  await render();
}

$('sign-in-form').addEventListener('submit', event => {
  event.preventDefault();
  const token = $('token').value.trim();
  $('token').value = '';
  if (!token) return;
  session.signIn(token);
  start();
});
$('sign-out').addEventListener('click', () => showSignIn('Signed out.'));
window.addEventListener('hashchange', render);
keepRelativeTimesFresh();
start();
