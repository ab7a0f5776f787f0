// Opened from file:// (no web server), folder links would show a listing: point them, and the
// search form, at index.html.
if (location.protocol === "file:") {
  for (const el of document.querySelectorAll("a[href], form[action]")) {
    const attr = el.tagName === "FORM" ? "action" : "href";
    const href = el.getAttribute(attr);
    if (!/^[a-z]+:|^\/\//i.test(href) && /\/($|#)/.test(href)) {
      el.setAttribute(attr, href.replace(/\/($|#)/, "/index.html$1"));
    }
  }
}
