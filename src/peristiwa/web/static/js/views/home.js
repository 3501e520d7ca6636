// Start page: what the database holds, the newest articles, the biggest stories, the most active actors.

import { get } from '../api.js';
import { actorLink, articleLink, empty, pageHeader, section } from '../components.js';
import { fmtNumber, h, link } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.home';

function stats(counts) {
  const keys = ['articles', 'entities', 'quotes', 'events', 'stories'];
  return h('div', { class: 'stats' }, keys.map((k) => h('div', { class: 'stat' },
    h('span', { class: 'stat-value' }, fmtNumber(counts[k])), h('span', { class: 'stat-label' }, t(`count.${k}`)))));
}

export function articleList(items) {
  if (!items.length) return empty();
  return h('ul', { class: 'list articles' }, items.map((a) => h('li', {},
    articleLink(a),
    h('span', { class: 'meta' }, [a.published || t('date.unknown'), a.outlet].filter(Boolean).join(' · ')),
    a.num_events !== undefined
      ? h('span', { class: 'meta' }, t('article.counts', { events: a.num_events, quotes: a.num_quotes }))
      : null)));
}

function storyList(items) {
  if (!items.length) return empty();
  return h('ul', { class: 'list' }, items.map((st) => h('li', {},
    link('story', [st.story_id], st.title || st.story_id),
    h('span', { class: 'meta' }, t('story.counts', { reports: st.num_reports, events: st.num_events })))));
}

function actorList(items) {
  if (!items.length) return empty();
  return h('ul', { class: 'list inline-list' }, items.map((a) => h('li', {},
    actorLink(a.code), ' ', h('span', { class: 'muted' }, `${a.name || ''} · ${a.events}`))));
}

export async function render(main) {
  const [health, articles, stories, actors] = await Promise.all([
    get('/health'), get('/articles', { limit: 10 }), get('/stories', { limit: 8 }), get('/actors', { limit: 16 }),
  ]);
  if (!health.counts || !health.counts.articles) {
    main.append(pageHeader(t('home.title')), h('div', { class: 'card' }, h('p', {}, t('home.empty')),
      h('pre', {}, 'peristiwa ingest ARTICLES... --db FILE\nperistiwa serve --db FILE')));
    return;
  }
  main.append(
    pageHeader(t('home.title'), t('home.subtitle')),
    stats(health.counts || {}),
    h('div', { class: 'grid two' },
      section('home.latest', articleList(articles.items)),
      h('div', {}, section('home.stories', storyList(stories.items)), section('home.actors', actorList(actors.items)))),
  );
}
