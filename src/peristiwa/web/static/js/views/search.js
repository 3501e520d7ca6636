// Search results across articles, actors and quotes (GET /v1/search).

import { get } from '../api.js';
import { actorLink, articleLink, empty, pageHeader, section } from '../components.js';
import { h, link } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.search';

function articles(items) {
  if (!items.length) return empty('search.none');
  return h('ul', { class: 'list results-articles' }, items.map((a) => h('li', {},
    articleLink(a), h('span', { class: 'meta' }, a.published || t('date.unknown')),
    a.snippet ? h('p', { class: 'snippet' }, a.snippet) : null)));
}

function actors(items) {
  if (!items.length) return empty('search.none');
  return h('ul', { class: 'list results-actors' }, items.map((a) => h('li', {},
    actorLink(a.code), ' ', h('span', {}, a.name || ''),
    h('span', { class: 'meta' }, t('actor.events_n', { n: a.events })))));
}

function quotes(items) {
  if (!items.length) return empty('search.none');
  return h('ul', { class: 'list results-quotes' }, items.map((q) => h('li', {},
    h('blockquote', {}, q.text),
    h('span', { class: 'meta' }, q.speaker ? link('quotes', [], q.speaker, { speaker: q.speaker }) : t('quote.unknown'),
      ' · ', link('article', [q.article_id], t('search.in_article'), { at: q.start })))));
}

export async function render(main, { query }) {
  const q = (query.q || '').trim();
  const input = document.getElementById('search-input');
  if (input) input.value = q;
  if (!q) {
    main.append(pageHeader(t('search.title')), empty('search.prompt'));
    return;
  }
  const found = await get('/search', { q, limit: 20 });
  main.append(
    pageHeader(t('search.results_for', { q })),
    h('div', { class: 'grid two' },
      h('div', {}, section('search.articles', articles(found.articles)),
        section('search.actors', actors(found.actors))),
      section('search.quotes', quotes(found.quotes))));
}
