// One actor: timeline of its events per month and quad, top partners, event types, its people, latest events.

import { get, seg } from '../api.js';
import { actorLink, empty, eventTable, pageHeader, quadBadge, section } from '../components.js';
import { h, link } from '../dom.js';
import { t } from '../i18n.js';
import { timelineChart } from '../charts/timeline.js';

export const titleKey = 'actor.title';
export const pageTitle = (ctx) => ctx.args[0] || t('actor.title');

const ROLES = ['both', 'source', 'target'];

/** Timeline rows of the profile → chart rows {month, quad, events, reported}, counting the actor in the given
 * role (`reported`: events dated only by their report). */
export function timelineRows(profile, role = 'both') {
  const count = (r, prefix = '') => (role === 'target' ? 0 : r[`${prefix}as_source`] || 0) +
    (role === 'source' ? 0 : r[`${prefix}as_target`] || 0);
  return (profile.timeline || []).map((r) => ({ month: r.month, quad: r.quad, events: count(r),
    reported: count(r, 'reported_') }));
}

/** The chart with a switch: all events of the actor, or only those it did, or only those done to it. */
function timeline(profile) {
  const box = h('div', { class: 'timeline-box' });
  const draw = (role) => {
    box.replaceChildren(timelineChart(timelineRows(profile, role), t('actor.timeline_of', { actor: profile.actor })));
    switcher.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.role === role));
  };
  const switcher = h('div', { class: 'segmented', role: 'group', 'aria-label': t('actor.role') },
    ROLES.map((role) => h('button', { type: 'button', class: 'btn', 'data-role': role, 'on:click': () => draw(role) },
      t(`actor.timeline_${role}`))));
  draw('both');
  return [switcher, box];
}

function partners(profile) {
  if (!profile.partners.length) return empty();
  return h('table', { class: 'data compact partners' },
    h('thead', {}, h('tr', {}, ['actor.partner', 'actor.events', 'actor.as_source', 'actor.as_target', ''].map(
      (k) => h('th', {}, k ? t(k) : '')))),
    h('tbody', {}, profile.partners.map((p) => h('tr', {},
      h('td', {}, actorLink(p.partner)), h('td', { class: 'num' }, p.events),
      h('td', { class: 'num' }, p.as_source ?? 0), h('td', { class: 'num' }, p.as_target ?? 0),
      h('td', {}, link('dyad', [profile.actor, p.partner], t('actor.dyad')))))));
}

function byType(profile) {
  if (!profile.by_type.length) return empty();
  return h('table', { class: 'data compact' },
    h('thead', {}, h('tr', {}, ['actor.role', 'events.col.type', 'events.col.quad', 'actor.events'].map(
      (k) => h('th', {}, t(k))))),
    h('tbody', {}, profile.by_type.map((r) => h('tr', {},
      h('td', {}, t(`role.${r.role}`)), h('td', {}, r.type), h('td', {}, quadBadge(r.quad)),
      h('td', { class: 'num' }, r.events)))));
}

function people(profile) {
  if (!profile.people.length) return empty();
  return h('ul', { class: 'list people' }, profile.people.map((p) => h('li', {},
    link('quotes', [], p.name, { speaker: p.name }),
    h('span', { class: 'meta' }, [p.role, p.sector].filter(Boolean).join(' · ')))));
}

function totals(profile) {
  const count = (role) => (profile.totals.find((x) => x.role === role) || {}).events || 0;
  return h('p', { class: 'sub' }, t('actor.summary', { source: count('source'), target: count('target') }));
}

export async function render(main, { args }) {
  const code = args[0];
  const [profile, latest] = await Promise.all([
    get(`/actors/${seg(code)}`), get('/events', { actor: code, order: 'date', limit: 10 }),
  ]);
  main.append(
    pageHeader(`${profile.actor}${profile.name && profile.name !== profile.actor ? ` · ${profile.name}` : ''}`),
    totals(profile),
    section('actor.timeline', timeline(profile)),
    h('div', { class: 'grid two' }, section('actor.partners', partners(profile)),
      section('actor.by_type', byType(profile))),
    section('actor.latest', eventTable(latest.items), link('events', [], t('actor.all_events'), { actor: code })),
    section('actor.people', people(profile)));
}
