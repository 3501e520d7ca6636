// The event table: filters (actor, type, quad, date range, text) kept in the address, paging, CSV download.

import { apiUrl, get } from '../api.js';
import { eventTable, pageHeader, pager } from '../components.js';
import { h, route } from '../dom.js';
import { EVENT_FILTERS, eventFilterForm, field, filtersOf } from '../filters.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.events';
const PAGE = 25;
const CSV_ROWS = 1000; // the API's largest page
const FILTERS = [...EVENT_FILTERS, 'order'];
const ORDERS = ['mentions', 'date']; // most reported first (the API's default) | newest first

function filterForm(query) {
  const order = field('order', h('select', { name: 'order' }, ORDERS.map((o) => h('option', {
    value: o === 'mentions' ? '' : o, selected: (query.order || 'mentions') === o }, t(`order.${o}`)))));
  return eventFilterForm('events', query, [order]);
}

export async function render(main, { query }) {
  const filters = filtersOf(query, FILTERS);
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
