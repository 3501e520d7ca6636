// A story: its reports side by side (each with its clean text and own events) and the merged events.

import { get, seg } from '../api.js';
import { articleLink, eventTable, pageHeader, section } from '../components.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'story.title';
const SIDE_BY_SIDE = 6; // more columns than this stop being readable; the rest are listed

function column(article, full) {
  const copy = article.dup_of && article.dup_of !== article.id;
  return h('article', { class: 'report card', 'data-article': article.id },
    h('h3', {}, articleLink(article)),
    h('p', { class: 'meta' }, [article.published || t('date.unknown'), article.outlet].filter(Boolean).join(' · '),
      copy ? h('span', { class: 'tag' }, t('story.copy')) : null),
    h('div', { class: 'report-text' }, full.text || ''),
    h('p', { class: 'meta' }, t('article.counts', { events: (full.events || []).length,
      quotes: (full.quotes || []).length })));
}

/** Scrolling one report scrolls the others to the same relative place, so parallel passages stay side by side. */
function syncScroll(columns) {
  const texts = [...columns.querySelectorAll('.report-text')];
  let leader = null;
  for (const text of texts) {
    text.addEventListener('scroll', () => {
      if (leader && leader !== text) return; // an echo of our own scrolling
      leader = text;
      const share = text.scrollTop / Math.max(1, text.scrollHeight - text.clientHeight);
      for (const other of texts.filter((x) => x !== text)) {
        other.scrollTop = share * (other.scrollHeight - other.clientHeight);
      }
      requestAnimationFrame(() => { leader = null; });
    });
  }
  return columns;
}

export async function render(main, { args }) {
  const story = await get(`/stories/${seg(args[0])}`);
  const shown = story.articles.slice(0, SIDE_BY_SIDE);
  const texts = await Promise.all(shown.map((a) => get(`/articles/${seg(a.id)}`)));
  const rest = story.articles.slice(SIDE_BY_SIDE);
  main.append(
    pageHeader(story.title || story.story_id, t('story.summary', { reports: story.num_reports,
      articles: story.num_articles, events: story.num_events })),
    syncScroll(h('div', { class: `reports cols-${Math.min(shown.length, 3)}` },
      shown.map((a, i) => column(a, texts[i])))),
    h('div', {}, rest.length ? section('story.more', h('ul', { class: 'list' }, rest.map((a) => h('li', {},
      articleLink(a))))) : null),
    section('story.events', eventTable(story.events)));
}
