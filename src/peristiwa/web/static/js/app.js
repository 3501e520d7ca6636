// The single-page app: header (menu, search box, language switch) and a hash router over the view registry.

import { clear, h, route } from './dom.js';
import { lang, LANGUAGES, loadLabels, setLang, t } from './i18n.js';
import { follow, stopFollowing } from './live.js';
import { DEFAULT_VIEW, NAV, VIEWS } from './views/registry.js';

let renderCount = 0;

/** `#/actor/RUS?x=1` → {name: 'actor', args: ['RUS'], query: {x: '1'}}. */
export function parseHash(hash) {
  const [path, qs = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/').filter(Boolean);
  return {
    name: name && VIEWS[name] ? name : DEFAULT_VIEW,
    args: rest.map((a) => decodeURIComponent(a)),
    query: Object.fromEntries(new URLSearchParams(qs)),
  };
}

function header(current) {
  const nav = h('nav', { class: 'nav', 'aria-label': t('nav.label') },
    NAV.map(([name, key]) => h('a', { href: route(name), class: name === current ? 'active' : null,
      'aria-current': name === current ? 'page' : null }, t(key))));
  const input = h('input', { type: 'search', name: 'q', id: 'search-input', placeholder: t('search.placeholder'),
    'aria-label': t('search.placeholder') });
  const form = h('form', { class: 'search-form', role: 'search', 'on:submit': (e) => {
    e.preventDefault();
    location.hash = route('search', [], { q: input.value.trim() });
  } }, input, h('button', { type: 'submit' }, t('search.button')));
  const langs = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    LANGUAGES.map((code) => h('button', {
      type: 'button', class: code === lang() ? 'active' : null, 'data-lang': code,
      'on:click': () => { setLang(code); render(); },
    }, code.toUpperCase())));
  return h('header', { class: 'top' },
    h('a', { class: 'brand', href: route('home') }, h('span', { class: 'logo' }, 'P'), 'Peristiwa'),
    nav, form, langs);
}

function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, t('error.title')), ' ', error.message || String(error));
}

export async function render() {
  const token = ++renderCount;
  stopFollowing();
  document.body.dataset.ready = '';
  const ctx = parseHash(location.hash);
  const view = VIEWS[ctx.name];
  const shell = clear(document.getElementById('app'));
  const main = h('main', { id: 'main', class: `view view-${ctx.name}`, 'aria-busy': 'true' },
    h('p', { class: 'loading' }, t('loading')));
  shell.append(header(ctx.name), main,
    h('footer', { class: 'foot' }, t('footer.text')));
  try {
    const content = h('div', { class: 'content' });
    await view.render(content, ctx);
    if (token !== renderCount) return; // a newer navigation won
    clear(main).append(content);
    document.title = `${view.pageTitle ? view.pageTitle(ctx) : t(view.titleKey)} · Peristiwa`;
    follow(ctx.name, render); // new articles and events show up without a reload
  } catch (error) {
    if (token !== renderCount) return;
    clear(main).append(errorBox(error));
    console.error(error);
  } finally {
    main.setAttribute('aria-busy', 'false');
    if (token === renderCount) {
      // Both marks let a watcher tell this render from the one before a hash change.
      document.body.dataset.readyHash = location.hash;
      document.body.dataset.ready = ctx.name;
    }
  }
}

async function start() {
  await loadLabels();
  window.addEventListener('hashchange', render);
  await render();
}

start();
