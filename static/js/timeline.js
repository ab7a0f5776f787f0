// Narrow the merged timeline to one topic or one person. Without JavaScript the full list shows.
(() => {
  const form = document.querySelector(".timeline-filter");
  if (!form) return;
  const tag = form.querySelector("#filter-tag");
  const person = form.querySelector("#filter-person");
  const count = form.querySelector("#filter-count");
  const events = [...document.querySelectorAll(".merged .event")];
  const params = new URLSearchParams(location.search);
  tag.value = params.get("tag") || "";
  person.value = params.get("person") || "";

  function apply() {
    let shown = 0;
    for (const li of events) {
      const ok = (!tag.value || li.dataset.tags.split(" ").includes(tag.value)) &&
        (!person.value || li.dataset.people.split(" ").includes(person.value));
      li.hidden = !ok;
      if (ok) shown += 1;
    }
    for (const section of document.querySelectorAll(".timeline-year")) {
      section.hidden = !section.querySelector(".event:not([hidden])");
    }
    count.textContent = tag.value || person.value ? `${shown} of ${events.length} events` : "";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  apply();
})();
