// The event table: filters (actor, type, quad, date range, text) kept in the address, paging, CSV download.

import { apiUrl, get } from '../api.js';
import { eventTable, pageHeader, pager, QUADS } from '../components.js';
import { h, route } from '../dom.js';
import { keysWith, t } from '../i18n.js';

export const titleKey = 'nav.events';
const PAGE = 25;
const CSV_ROWS = 1000; // the API's largest page
const FILTERS = ['actor', 'type', 'quad', 'since', 'until', 'text', 'order'];
const ORDERS = ['mentions', 'date']; // most reported first (the API's default) | newest first

function field(name, control) {
  return h('label', { class: 'field' }, h('span', {}, t(`filter.${name}`)), control);
}

function select(name, value, options) {
  return h('select', { name }, h('option', { value: '' }, t('filter.any')),
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

function filterForm(query) {
  const types = keysWith('type.').sort().map((code) => [code, `${code} · ${t(`type.${code}`)}`]);
  const form = h('form', { class: 'filters', id: 'event-filters' },
    field('actor', h('input', { name: 'actor', value: query.actor || '', placeholder: 'RUS', size: 8 })),
    field('type', select('type', query.type || '', types)),
    field('quad', select('quad', query.quad || '', QUADS.map((q) => [q, t(`quad.${q}`)]))),
    field('since', h('input', { type: 'date', name: 'since', value: query.since || '' })),
    field('until', h('input', { type: 'date', name: 'until', value: query.until || '' })),
    field('text', h('input', { type: 'search', name: 'text', value: query.text || '' })),
    field('order', h('select', { name: 'order' }, ORDERS.map((o) => h('option', { value: o === 'mentions' ? '' : o,
      selected: (query.order || 'mentions') === o }, t(`order.${o}`))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('filter.apply')),
      h('a', { class: 'btn', href: route('events') }, t('filter.reset'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (data.actor) data.actor = data.actor.trim().toUpperCase();
    location.hash = route('events', [], data);
  });
  return form;
}

function filtersOf(query) {
  return Object.fromEntries(FILTERS.filter((k) => query[k]).map((k) => [k, query[k]]));
}

export async function render(main, { query }) {
  const filters = filtersOf(query);
  const offset = Math.max(0, Number(query.offset) || 0);
  const page = await get('/events', { ...filters, limit: PAGE, offset });
  const csvUrl = apiUrl('/events', { ...filters, format: 'csv', limit: CSV_ROWS });
  const csv = h('a', { class: 'btn', id: 'csv-link', href: csvUrl,
    download: 'peristiwa-events.csv' }, `↓ ${t('events.csv')}`);
  const go = (next) => { location.hash = route('events', [], { ...filters, offset: next || '' }); };
  main.append(
    pageHeader(t('events.title'), t('events.total', { n: page.total })),
    h('div', { class: 'card' }, filterForm(query)),
    h('div', { class: 'card' }, h('div', { class: 'toolbar' }, csv), eventTable(page.items),
      pager(offset, PAGE, page.items.length, page.total, go)),
  );
}
