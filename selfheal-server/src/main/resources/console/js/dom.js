// Building the page without ever parsing text as markup: every string becomes a text node
// (the same as textContent), so a '<script>' in a check message or a name shows as text.

/** el('td', {class: 'x'}, 'text', childNode, ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A link inside the console; each part of the path is URL-encoded. */
export function link(text, ...path) {
  return el('a', { href: '#/' + path.map(encodeURIComponent).join('/') }, text);
}

export function badge(status) {
  const text = status === null || status === undefined ? '-' : String(status);
  return el('span', { class: 'badge badge-' + text.toLowerCase().replace(/[^a-z0-9_]/g, '') }, text);
}

export function time(iso) {
  if (!iso) return el('span', { class: 'muted' }, '-');
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso }, date.toLocaleString(undefined, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
}

// Durations as people say them: 21 ms, 2.3 s, 42 s, 1 min, 1 min 30 s, 2 h 5 min.
export function duration(ms) {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 10000) return (ms / 1000).toFixed(1) + ' s';
  const s = Math.round(ms / 1000);
  if (s < 60) return s + ' s';
  const min = Math.floor(s / 60), rest = s % 60;
  if (min < 60) return rest === 0 || min >= 10 ? min + ' min' : min + ' min ' + rest + ' s';
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? h + ' h' : h + ' h ' + (min % 60) + ' min';
}

// "12 s ago", "5 min ago", "in 40 s": relative to now, the exact time in the tooltip.
export function relative(iso, now = Date.now()) {
  if (!iso) return el('span', { class: 'muted' }, '-');
  return el('time', { datetime: iso, title: new Date(iso).toLocaleString(), dataset: { relative: iso } }, relativeText(iso, now));
}

export function relativeText(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  return Math.abs(ms) < 1000 ? 'just now' : ms < 0 ? duration(-ms) + ' ago' : 'in ' + duration(ms);
}

// Relative times age on a page nobody reloads: every 10 s each one is rewritten in place.
export function keepRelativeTimesFresh(root = document) {
  return setInterval(() => root.querySelectorAll('time[data-relative]').forEach(t => {
    t.textContent = relativeText(t.dataset.relative);
  }), 10000);
}

export function table(headers, rows, empty = 'nothing yet') {
  if (rows.length === 0) return el('p', { class: 'muted' }, empty);
  return el('div', { class: 'table-wrap' },
    el('table', {},
      el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c)))))));
}

export function section(title, ...children) {
  return el('section', { class: 'card' }, el('h2', {}, title), ...children);
}

export function message(text, kind = 'muted') {
  return el('p', { class: kind }, text);
}

// Java's ISO durations in an engine's message ("within PT30S", "timeout PT1M") as people say them.
export function humanText(text) {
  if (text === null || text === undefined) return '';
  return String(text).replace(/\bPT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?\b/g, (all, h, m, s) =>
    all === 'PT' ? all : duration(((+h || 0) * 3600 + (+m || 0) * 60 + (+s || 0)) * 1000));
}
