// The quote explorer: quotations grouped by speaker, filtered by speaker name and words.

import { get } from '../api.js';
import { articleLink, empty, pageHeader, pager } from '../components.js';
import { h, link, route } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.quotes';
const PAGE = 100;

function bySpeaker(items) {
  const groups = new Map();
  for (const q of items) {
    const key = q.speaker || t('quote.unknown');
    groups.set(key, [...(groups.get(key) || []), q]);
  }
  return groups;
}

function group(speaker, quotes) {
  return h('section', { class: 'card speaker-group', 'data-speaker': speaker },
    h('h2', {}, link('quotes', [], speaker, { speaker }), h('span', { class: 'count' }, String(quotes.length))),
    h('ul', { class: 'list quotes-list' }, quotes.map((q) => h('li', {},
      h('blockquote', { class: q.direct ? 'direct' : 'indirect' }, q.text),
      h('span', { class: 'meta' }, t(q.direct ? 'quote.direct' : 'quote.indirect'), q.cue ? ` · ${q.cue}` : '', ' · ',
        articleLink(q, { at: q.start }),
        q.published ? ` · ${q.published}` : '')))));
}

/** Every speaker on this page with how often they are quoted: one click narrows to them. */
function speakerIndex(groups) {
  return h('div', { class: 'chips', id: 'speaker-index' }, groups.map(([name, quotes]) =>
    link('quotes', [], [name, h('span', { class: 'count' }, String(quotes.length))], { speaker: name },
      { class: 'chip' })));
}

function filterForm(query) {
  const speaker = h('input', { type: 'search', name: 'speaker', value: query.speaker || '', placeholder: 'Lavrov' });
  const words = h('input', { type: 'search', name: 'q', value: query.q || '' });
  return h('form', { class: 'filters inline', id: 'quote-filters', 'on:submit': (e) => {
    e.preventDefault();
    location.hash = route('quotes', [], { speaker: speaker.value.trim(), q: words.value.trim() });
  } }, h('label', { class: 'field' }, h('span', {}, t('quote.speaker')), speaker),
  h('label', { class: 'field' }, h('span', {}, t('quote.words')), words),
  h('button', { type: 'submit', class: 'btn primary' }, t('filter.apply')));
}

export async function render(main, { query }) {
  const offset = Math.max(0, Number(query.offset) || 0);
  const page = await get('/quotes', { speaker: query.speaker, q: query.q, limit: PAGE, offset });
  const go = (next) => {
    location.hash = route('quotes', [], { speaker: query.speaker, q: query.q, offset: next || '' });
  };
  const groups = [...bySpeaker(page.items)].sort((a, b) => b[1].length - a[1].length);
  main.append(pageHeader(t('quotes.title'), t('quotes.total', { n: page.total })),
    h('div', { class: 'card' }, filterForm(query), groups.length > 1 ? speakerIndex(groups) : null),
    groups.length ? h('div', { class: 'speakers' }, groups.map(([name, qs]) => group(name, qs))) : empty(),
    pager(offset, PAGE, page.items.length, page.total, go));
}
