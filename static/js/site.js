// Opened from file:// (no web server), folder links would show a listing: point them at index.html.
if (location.protocol === "file:") {
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!/^[a-z]+:|^\/\//i.test(href) && /\/($|#)/.test(href)) {
      a.setAttribute("href", href.replace(/\/($|#)/, "/index.html$1"));
    }
  }
}
