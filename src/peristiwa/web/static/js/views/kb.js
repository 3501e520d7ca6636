// The knowledge overlay: one person's or organisation's entry, a form to edit its dated roles, and a button that
// re-codes the articles the change touches. Writing needs the server's token (asked here, kept for the session).
// Everything the server sends goes in as text nodes.

import { get, post, seg, setWriteToken, writeToken } from '../api.js';
import { empty, section } from '../components.js';
import { clear, h, link, route } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'kb.title';
export const pageTitle = (ctx) => ctx.args[0] || t('kb.title');

const ROLE_FIELDS = ['role', 'org', 'sector', 'from', 'to'];

function roleFieldset(role, index) {
  return h('fieldset', { class: 'kb-role', 'data-index': index },
    h('legend', {}, t('kb.role_n', { n: index + 1 })),
    ROLE_FIELDS.map((name) => h('label', { class: `kb-field kb-field-${name}` }, t(`kb.field.${name}`),
      h('input', { type: 'text', name, value: role[name] ?? '', 'data-field': name,
        placeholder: name === 'from' || name === 'to' ? 'YYYY-MM-DD' : '' }))));
}

function rolesFrom(form) {
  return [...form.querySelectorAll('.kb-role')].map((set) => Object.fromEntries(ROLE_FIELDS.map((name) => {
    const value = set.querySelector(`[data-field="${name}"]`).value.trim();
    return [name, value || null];
  }))).filter((role) => role.role);
}

function message(box, text, isError) {
  clear(box).append(h('p', { class: isError ? 'error-box' : 'ok-box', role: isError ? 'alert' : 'status' }, text));
}

function editForm(shown, status) {
  const entry = shown.entry;
  const roles = h('div', { class: 'kb-roles' }, (entry.roles || []).map(roleFieldset));
  const add = h('button', { type: 'button', id: 'kb-add-role', 'on:click': () => {
    roles.append(roleFieldset({}, roles.children.length));
  } }, t('kb.add_role'));
  const author = h('input', { type: 'text', id: 'kb-author', required: true, value: localStorage.getItem('peristiwa.author') || '' });
  const reason = h('input', { type: 'text', id: 'kb-reason' });
  const token = h('input', { type: 'password', id: 'kb-token', value: writeToken(), autocomplete: 'off' });
  const overlap = h('input', { type: 'checkbox', id: 'kb-overlap' });
  const form = h('form', { id: 'kb-form', class: 'card kb-form', 'on:submit': async (e) => {
    e.preventDefault();
    setWriteToken(token.value.trim());
    localStorage.setItem('peristiwa.author', author.value.trim());
    const edited = { ...entry, roles: rolesFrom(form) };
    try {
      const answer = await post('/kb/entries', { kind: shown.kind, entry: edited, author: author.value.trim(),
        reason: reason.value.trim() || null, allow_overlap: overlap.checked });
      message(status, t('kb.saved', { n: answer.change }), false);
    } catch (error) {
      message(status, error.message, true);
    }
  } },
  roles, add,
  h('div', { class: 'kb-who' },
    h('label', {}, t('kb.author'), author), h('label', {}, t('kb.reason'), reason),
    h('label', {}, t('kb.token'), token), h('label', {}, overlap, t('kb.allow_overlap'))),
  h('button', { type: 'submit', id: 'kb-save' }, t('kb.save')));
  return form;
}

function recodeBox(status) {
  const results = h('div', { id: 'kb-recoded' });
  const button = h('button', { type: 'button', id: 'kb-recode', 'on:click': async () => {
    button.disabled = true;
    message(status, t('kb.recoding'), false);
    try {
      const report = await post('/recode');
      message(status, t('kb.recoded', { n: report.articles, changed: report.changed.length }), false);
      clear(results).append(...report.changed.map((change) => h('div', { class: 'kb-recoded-article' },
        link('article', [change.article_id], change.title || change.article_id),
        h('ul', { class: 'list' },
          change.lost.map((line) => h('li', { class: 'lost' }, '− ', line)),
          change.gained.map((line) => h('li', { class: 'gained' }, '+ ', line))))));
    } catch (error) {
      message(status, error.message, true);
    } finally {
      button.disabled = false;
    }
  } }, t('kb.recode'));
  return h('div', { class: 'card kb-recode' }, h('p', { class: 'sub' }, t('kb.recode_help')), button, results);
}

function history(changes) {
  if (!changes.length) return empty('kb.no_changes');
  return h('ul', { class: 'list kb-history' }, changes.map((c) => h('li', {},
    h('span', { class: 'tag' }, c.action), ' ', `#${c.id} · ${c.made_at} · ${c.author}`, c.reason ? ` · ${c.reason}` : '')));
}

/** What the stored articles suggest adding, with their sentences; accept or reject each. */
function proposalList(items, status) {
  if (!items.length) return empty('kb.no_proposals');
  const decide = async (proposal, verb, row) => {
    const author = localStorage.getItem('peristiwa.author') || '';
    if (!author) { message(status, t('kb.need_author'), true); return; }
    try {
      await post(`/kb/proposals/${verb}`, { key: proposal.key, author });
      row.classList.add(`decided-${verb}`);
      row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      message(status, t(`kb.${verb}ed`, { key: proposal.key }), false);
    } catch (error) {
      message(status, error.message, true);
    }
  };
  return h('ul', { class: 'list kb-proposals' }, items.map((p) => {
    const row = h('li', { class: 'kb-proposal', 'data-key': p.key },
      h('strong', {}, p.name), ' ', h('span', { class: 'tag' }, t(`kb.proposal.${p.kind}`)),
      p.role ? ` ${p.role}` : '', p.actor ? ` · ${p.actor}` : '',
      p.holders.length ? ` · ${t('kb.held_by', { names: p.holders.join(', ') })}` : '',
      ` · ${t('kb.articles_n', { n: p.count })}`,
      h('ul', { class: 'evidence' }, p.evidence.map((e) => h('li', {},
        link('article', [e.article_id], e.date || e.article_id), ' ', e.sentence))));
    row.append(
      h('button', { type: 'button', class: 'kb-accept', 'on:click': () => decide(p, 'accept', row) }, t('kb.accept')),
      h('button', { type: 'button', class: 'kb-reject', 'on:click': () => decide(p, 'reject', row) }, t('kb.reject')));
    return row;
  }));
}

function opener() {
  const input = h('input', { type: 'text', id: 'kb-key', placeholder: 'per.given_family' });
  return h('form', { class: 'card', 'on:submit': (e) => {
    e.preventDefault();
    if (input.value.trim()) location.hash = route('kb', [input.value.trim()]);
  } }, h('label', {}, t('kb.open'), input), h('button', { type: 'submit' }, t('kb.open_button')));
}

export async function render(main, { args }) {
  if (!args[0]) {
    const [changes, proposed] = await Promise.all([get('/kb/changes'), get('/kb/proposals')]);
    const status = h('div', { id: 'kb-status', 'aria-live': 'polite' });
    const author = h('input', { type: 'text', id: 'kb-author', value: localStorage.getItem('peristiwa.author') || '',
      'on:change': (e) => localStorage.setItem('peristiwa.author', e.target.value.trim()) });
    const token = h('input', { type: 'password', id: 'kb-token', value: writeToken(), autocomplete: 'off',
      'on:change': (e) => setWriteToken(e.target.value.trim()) });
    main.append(h('div', { class: 'page-header' }, h('h1', {}, t('kb.title'))), opener(),
      h('div', { class: 'card kb-who' }, h('label', {}, t('kb.author'), author), h('label', {}, t('kb.token'), token)),
      status, section('kb.proposals', proposalList(proposed, status)), recodeBox(status),
      section('kb.history', history(changes)));
    return;
  }
  const shown = await get(`/kb/entries/${seg(args[0])}`);
  const status = h('div', { id: 'kb-status', 'aria-live': 'polite' });
  const name = shown.entry ? shown.entry.name : args[0];
  main.append(
    h('div', { class: 'page-header' }, h('h1', { id: 'kb-name' }, name),
      h('p', { class: 'sub' }, h('code', {}, shown.key), ' · ', t(`kb.from.${shown.from}`))),
    shown.entry && shown.kind === 'person' ? editForm(shown, status) : empty('kb.not_editable'),
    status, recodeBox(status),
    section('kb.history', history(shown.changes)));
}
