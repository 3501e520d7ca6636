// Labels in Indonesian and English, kept as data in /static/i18n/labels.json.

const STORAGE_KEY = 'peristiwa.lang';
export const LANGUAGES = ['id', 'en'];
let labels = { id: {}, en: {} };
let current = 'id';

export async function loadLabels() {
  const response = await fetch('/static/i18n/labels.json');
  labels = await response.json();
  const saved = localStorage.getItem(STORAGE_KEY);
  current = LANGUAGES.includes(saved) ? saved : browserLanguage();
  document.documentElement.lang = current;
}

/** Indonesian for an Indonesian (or Malay) browser, English otherwise, until the reader picks one. */
function browserLanguage() {
  return /^(id|ms)\b/i.test(navigator.language || '') ? 'id' : 'en';
}

export function lang() {
  return current;
}

export function setLang(code) {
  if (!LANGUAGES.includes(code)) return;
  current = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
}

/** The label for `key` in the current language; `{name}` placeholders are filled from `vars`. */
export function t(key, vars = {}) {
  const text = labels[current][key] ?? labels.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** The keys under a prefix, e.g. every `type.` label (the PLOVER event types), without the prefix. */
export function keysWith(prefix) {
  return Object.keys(labels.en).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
