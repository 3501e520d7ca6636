// The event filter form shared by the event table and the map: actor, type, quad, date range, text, and any
// extra fields a view adds (the table's sort order). Submitting puts the filters in the address of `view`.

import { QUADS } from './components.js';
import { h, route } from './dom.js';
import { keysWith, t } from './i18n.js';

export const EVENT_FILTERS = ['actor', 'type', 'quad', 'since', 'until', 'text'];

export function field(name, control) {
  return h('label', { class: 'field' }, h('span', {}, t(`filter.${name}`)), control);
}

function select(name, value, options) {
  return h('select', { name }, h('option', { value: '' }, t('filter.any')),
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

/** The form for `view` ('events' or 'map'), filled from `query`; `extra` fields go before the buttons. */
export function eventFilterForm(view, query, extra = []) {
  const types = keysWith('type.').sort().map((code) => [code, `${code} · ${t(`type.${code}`)}`]);
  const form = h('form', { class: 'filters', id: `${view === 'events' ? 'event' : view}-filters` },
    field('actor', h('input', { name: 'actor', value: query.actor || '', placeholder: t('filter.actor_hint'),
      size: 8 })),
    field('type', select('type', query.type || '', types)),
    field('quad', select('quad', query.quad || '', QUADS.map((q) => [q, t(`quad.${q}`)]))),
    field('since', h('input', { type: 'date', name: 'since', value: query.since || '' })),
    field('until', h('input', { type: 'date', name: 'until', value: query.until || '' })),
    field('text', h('input', { type: 'search', name: 'text', value: query.text || '' })),
    ...extra,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('filter.apply')),
      h('a', { class: 'btn', href: route(view) }, t('filter.reset'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (data.actor) data.actor = data.actor.trim().toUpperCase();
    location.hash = route(view, [], data);
  });
  return form;
}

/** The filters present in `query`, among `names`. */
export function filtersOf(query, names = EVENT_FILTERS) {
  return Object.fromEntries(names.filter((k) => query[k]).map((k) => [k, query[k]]));
}
