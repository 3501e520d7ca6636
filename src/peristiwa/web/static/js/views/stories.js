// Stories (clusters of reports about the same thing), the most widely reported first.

import { get } from '../api.js';
import { empty, pageHeader, pager } from '../components.js';
import { h, link, route } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.stories';
const PAGE = 50;

function table(items) {
  if (!items.length) return empty();
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['story.name', 'story.dates', 'story.reports', 'story.articles', 'story.events']
      .map((k) => h('th', {}, t(k))))),
    h('tbody', {}, items.map((st) => h('tr', {},
      h('td', {}, link('story', [st.story_id], st.title || st.story_id)),
      h('td', { class: 'nowrap' }, [st.first_published, st.last_published].filter(Boolean)
        .filter((d, i, all) => all.indexOf(d) === i).join(' – ') || '—'),
      h('td', { class: 'num' }, st.num_reports), h('td', { class: 'num' }, st.num_articles),
      h('td', { class: 'num' }, st.num_events)))));
}

export async function render(main, { query }) {
  const offset = Math.max(0, Number(query.offset) || 0);
  const page = await get('/stories', { limit: PAGE, offset });
  const go = (next) => { location.hash = route('stories', [], { offset: next || '' }); };
  main.append(pageHeader(t('stories.title'), t('stories.total', { n: page.total })),
    h('div', { class: 'card' }, table(page.items), pager(offset, PAGE, page.items.length, page.total, go)));
}
