// briefing serve: live reload. Injected by the preview server only; never part of a build.
(() => {
  const OVERLAY_ID = "briefing-error-overlay";
  const version = document.currentScript && document.currentScript.dataset.version;
  let source;

  function hideOverlay() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(problems) {
    hideOverlay();
    const box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#1b1b1b;color:#fff;border-top:4px solid #e5484d;padding:16px 20px;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
    const title = document.createElement("strong");
    title.textContent = "Build failed: the last good version is shown. Fix and save to reload.";
    title.style.cssText = "display:block;margin-bottom:8px;color:#ff9592";
    box.appendChild(title);
    const list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2em";
    for (const line of problems) {
      const item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    }
    box.appendChild(list);
    document.body.appendChild(box);
  }

  function swapStylesheets(paths) {
    const stamp = Date.now();
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (paths.length && !paths.some((p) => url.pathname.endsWith("/" + p))) continue;
      url.searchParams.set("_reload", stamp);
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      link.after(fresh);
    }
  }

  function connect() {
    // Which page this is, so that a rebuild reloads it only when its own file changed.
    source = new EventSource("/_briefing/events?page=" + encodeURIComponent(location.pathname));
    source.addEventListener("reload", () => location.reload());
    // A rebuild finished after this page was served but before this stream opened: catch up.
    source.addEventListener("version", (e) => version !== undefined && Number(e.data) > Number(version) && location.reload());
    source.addEventListener("css", (e) => swapStylesheets(JSON.parse(e.data)));
    source.addEventListener("error-report", (e) => showOverlay(JSON.parse(e.data)));
    source.addEventListener("ok", () => hideOverlay());
  }

  window.addEventListener("pagehide", () => source && source.close());
  connect();
})();
