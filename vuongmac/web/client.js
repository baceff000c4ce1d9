// The page's language for Streamlit's own frontend, inlined into every page document
// (vuongmac/web/localize.py fills in __VM_STRINGS__). Streamlit has no locale setting:
//  - its date picker, number cells and dates follow navigator.language, which we make the
//    UI language's locale (?lang=en -> en-GB, else vi-VN: Vietnamese months, weeks from
//    Monday);
//  - its fixed English strings (aria labels, tooltips, "No results", "Skip to main
//    content"...) are translated in the DOM from a table (streamlit_strings.json), and put
//    back when the reader switches to English;
//  - __vmFilter folds accents for the pickers' search (the bundle patch calls it): an
//    unaccented query ("nghe an", "da nang") finds "Nghệ An", "Đà Nẵng"; a query with
//    accents keeps Streamlit's own matching on the accented text.
(() => {
  "use strict";
  const STRINGS = __VM_STRINGS__;
  const LOCALES = { vi: "vi-VN", en: "en-GB" };
  const ATTRS = ["aria-label", "title", "placeholder", "aria-description", "data-title"];
  const ui = () => (new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "vi");
  for (const [name, value] of [
    ["language", () => LOCALES[ui()]],
    ["languages", () => [LOCALES[ui()]]],
  ]) {
    try {
      Object.defineProperty(Navigator.prototype, name, { get: value, configurable: true });
    } catch (e) {
      /* a browser that refuses keeps its own locale */
    }
  }

  const exact = new Map(Object.entries(STRINGS.exact));
  const compile = (list) => list.map(([re, out]) => [new RegExp(`^${re}$`), out]);
  const ATTR_PATTERNS = compile(STRINGS.attribute_patterns);
  const TEXT_PATTERNS = compile(STRINGS.text_patterns);
  // A table string in Vietnamese, or null. Patterns are for Streamlit's composed strings
  // ("Help for <label>"): attributes and text have their own, so a data cell that happens
  // to start with "Remove " is left alone.
  const translate = (value, patterns) => {
    const key = value.trim();
    if (!key) return null;
    let out = exact.get(key);
    if (out === undefined) {
      for (const [re, template] of patterns) {
        const m = key.match(re);
        if (m) {
          out = template.replace(/\$(\d)/g, (_, i) => exact.get(m[i]) ?? m[i]);
          break;
        }
      }
    }
    return out === undefined ? null : value.replace(key, out);
  };

  const originals = new Map(); // text node or [element, attribute] key -> English original
  const attrKey = new WeakMap();
  const keyFor = (el, attr) => {
    let keys = attrKey.get(el);
    if (!keys) attrKey.set(el, (keys = {}));
    return (keys[attr] ??= { el, attr });
  };
  const SKIP = "svg, canvas, script, style"; // subtrees never read
  const TYPED = "textarea, [contenteditable]"; // what a reader types: attributes only
  const visitText = (node) => {
    if (node.parentElement?.closest(TYPED)) return;
    const out = translate(node.nodeValue, TEXT_PATTERNS);
    if (out !== null && out !== node.nodeValue) {
      originals.set(node, node.nodeValue);
      node.nodeValue = out;
    }
  };
  const visitElement = (el) => {
    for (const attr of ATTRS) {
      const value = el.getAttribute(attr);
      if (!value) continue;
      const out = translate(value, ATTR_PATTERNS);
      if (out !== null && out !== value) {
        originals.set(keyFor(el, attr), value);
        el.setAttribute(attr, out);
      }
    }
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      if (!root.parentElement?.closest(SKIP)) visitText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE || root.closest(SKIP)) return;
    visitElement(root);
    const walker = document.createTreeWalker(
      root,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      {
        acceptNode: (n) =>
          n.nodeType === Node.ELEMENT_NODE && n.matches(SKIP)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      },
    );
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) visitText(n);
      else visitElement(n);
    }
  };
  const restore = () => {
    for (const [key, value] of originals) {
      if (key.nodeType === Node.TEXT_NODE) key.nodeValue = value;
      else if (key.el.isConnected) key.el.setAttribute(key.attr, value);
    }
    originals.clear();
  };

  let shown = null;
  const sync = (records) => {
    const lang = ui();
    if (lang !== shown) {
      document.documentElement.lang = lang;
      if (lang === "en") restore();
      else if (document.body) walk(document.body);
      shown = lang;
      return;
    }
    if (lang === "en" || !records) return;
    if (originals.size > 5000) {
      // elements Streamlit has removed need no restoring: forget them
      for (const key of originals.keys()) {
        if (!(key.nodeType ? key.isConnected : key.el.isConnected)) originals.delete(key);
      }
    }
    for (const r of records) {
      if (r.type === "characterData") walk(r.target);
      else if (r.type === "attributes") {
        if (!r.target.closest(SKIP)) visitElement(r.target);
      } else for (const n of r.addedNodes) walk(n);
    }
  };
  const start = () => {
    sync(null);
    new MutationObserver(sync).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRS,
    });
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);

  const fold = (s) =>
    s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  // options: [{label, ...}]; null lets Streamlit match (a query with accents, or none).
  window.__vmFilter = (options, query) => {
    if (!query || /[^\u0000-\u007f]/.test(query)) return null;
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    const scored = [];
    for (const option of options) {
      const label = fold(String(option.label ?? ""));
      const at = label.indexOf(words[0]);
      if (at < 0 || !words.every((w) => label.includes(w))) continue;
      const wordStart = at === 0 || /[\s(·,-]/.test(label[at - 1]);
      scored.push([wordStart ? 0 : 1, at, option]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return scored.map((s) => s[2]);
  };
})();
