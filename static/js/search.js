// The search page: runs the ?q= query against the Pagefind index the build wrote to pagefind/.
// A classic script (no module): from file:// it only explains, and never tries to load the index,
// since browsers refuse fetch() and module imports there.
(function () {
  "use strict";
  const form = document.querySelector("form[data-bundle]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  if (!form || !status || !list || !more) return;
  const input = form.querySelector("input[name=q]");
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  const PAGE = 10;
  input.value = query;

  if (location.protocol === "file:") {
    status.textContent =
      "Search cannot run on a page opened from a file: browsers do not let it load the search index. " +
      "Open the site from a web server (briefing serve, or python3 -m http.server in the site folder) " +
      "or from its published address.";
    status.classList.add("search-note");
    return;
  }
  if (!query) return;

  document.title = query + " · " + document.title;
  status.textContent = "Searching…";
  const bundle = new URL(form.dataset.bundle, location.href).href;
  const root = new URL(form.dataset.root, location.href).pathname;

  // Pagefind's excerpts are HTML with <mark> around the hits: keep the text and the marks only.
  function excerpt(html) {
    const p = document.createElement("p");
    p.className = "search-result-excerpt";
    const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h2 = document.createElement("h2");
    h2.className = "search-result-title";
    const a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    h2.append(a);
    li.append(h2);
    if (data.meta && data.meta.date) {
      const meta = document.createElement("p");
      meta.className = "search-result-meta";
      meta.textContent = data.meta.date;
      li.append(meta);
    }
    li.append(excerpt(data.excerpt || ""));
    // Sections of the page that match (quotes, people, timeline), as links to those sections.
    const parts = (data.sub_results || []).filter((s) => s.url.includes("#")).slice(0, 3);
    if (parts.length) {
      const ul = document.createElement("ul");
      ul.className = "search-result-parts";
      for (const part of parts) {
        const sub = document.createElement("li");
        const link = document.createElement("a");
        link.href = part.url;
        link.textContent = part.title;
        sub.append(link);
        ul.append(sub);
      }
      li.append(ul);
    }
    return li;
  }

  import(bundle)
    .then(async (pagefind) => {
      await pagefind.options({ baseUrl: root });
      const search = await pagefind.search(query);
      const results = search ? search.results : [];
      const n = results.length;
      status.textContent =
        n === 0
          ? "No results for “" + query + "”."
          : n + (n === 1 ? " result" : " results") + " for “" + query + "”.";
      let shown = 0;
      async function show() {
        const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
        for (const data of batch) list.append(item(data));
        shown += batch.length;
        list.hidden = shown === 0;
        more.hidden = shown >= n;
      }
      more.addEventListener("click", () => {
        show().catch(failed);
      });
      await show();
    })
    .catch(failed);

  function failed(err) {
    status.textContent =
      "Search is not available: its index (pagefind/) could not be loaded. Every briefing is listed on the home page.";
    status.classList.add("search-note");
    if (window.console) console.warn("search:", err);
  }
})();
