// Building DOM nodes. Every string becomes a text node: untrusted article text is never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    // Event handlers are attached with `on:` keys only, never through attribute strings.
    if (name.startsWith('on:')) { el.addEventListener(name.slice(3), value); continue; }
    if (/^on/i.test(name) || name === 'style') throw new Error(`refusing attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: h('a', {href: '#/x', class: 'link'}, 'text', otherNode). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element (charts). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A link inside the app: route pieces are URI-encoded so codes and ids cannot break the hash. */
export function route(name, args = [], query = {}) {
  const path = [name, ...args.map((a) => encodeURIComponent(a))].join('/');
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null));
  const qs = params.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export function link(name, args, label, query = {}, attrs = {}) {
  return h('a', { href: route(name, args, query), ...attrs }, label);
}

export function fmtNumber(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString();
}
