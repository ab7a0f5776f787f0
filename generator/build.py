"""The build pipeline, start to finish: read -> validate -> model -> plan -> render -> write."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import (
    __version__,
    defaults,
    diskcache,
    entities,
    feeds,
    frontmatter,
    indexes,
    output,
    pages,
    render,
    schema,
    search,
    sources,
    workers,
)
from generator.cache import BuildCache, Counts, digest
from generator.config import CONFIG_FILE, SiteConfig, load_config
from generator.diagnostics import (
    BuildFailed,
    Diagnostic,
    error,
    sort_diagnostics,
    strictly,
    warning,
)
from generator.model import Briefing, Site


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line asks of a build."""

    output: Path | None = None
    """Output folder; default `<root>/site`."""
    drafts: bool = False
    """Include briefings marked `draft: true`."""
    strict: bool = False
    """Treat warnings as errors."""
    base_url: str | None = None
    """Overrides site.yaml's `url`."""
    use_cache: bool = True
    """Keep `.briefing-cache/` between builds (`--no-cache`: neither read nor write it)."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for the one-line summary and for tests."""

    briefings: int
    """Briefings published."""
    pages: int
    """Pages rendered."""
    files: int
    """Files written, static ones included."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings (errors raise BuildFailed instead)."""
    seconds: float = 0.0
    """Wall time of the build."""
    changed: tuple[str, ...] = ()
    """Output files whose bytes changed or that were removed."""
    counts: Counts = field(default_factory=Counts)
    """Work done: sources parsed, pages rendered, files written."""
    search_seconds: float = 0.0
    """Wall time of the search indexer (Pagefind), part of `seconds`; 0 when it did not run."""
    up_to_date: bool = False
    """Nothing had changed since the last build, so nothing was done."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A site read and checked, ready to plan."""

    config: SiteConfig
    site: Site
    diagnostics: list[Diagnostic]
    digests: dict[str, str]
    """Content hash of each source file, for page fingerprints."""
    people: entities.Directory
    """data/people.yaml, which gives each person of a briefing their canonical id."""


def load(
    root: Path, options: BuildOptions, cache: BuildCache | None = None, jobs: int = 1,
    meanwhile: Callable[[SiteConfig], None] | None = None,
) -> Loaded:
    """Read site.yaml and every article; collect every diagnostic of every file.

    Without a cache the articles are read and parsed by `jobs` processes, so their texts never
    pass through this one; with one (the preview) an article whose text is unchanged is taken
    from the memo instead of parsed. `meanwhile(config)` is this process's work that needs only
    the settings: it runs while the workers parse.
    """
    config, diagnostics = load_config(root, options.base_url)
    during = (lambda: meanwhile(config)) if meanwhile is not None else None
    if cache is None:
        entries, problems = _read_and_parse(root, jobs, during)
    else:
        if during is not None:
            during()
        entries, problems = _parse_changed(root, cache)
    diagnostics += problems
    briefings: list[Briefing] = []
    slug_lines: dict[str, tuple[str, int | None]] = {}
    digests: dict[str, str] = {}
    for path, source_digest, (briefing, slug_line, problems) in entries:
        digests[path] = source_digest
        diagnostics += problems
        if briefing is not None and (options.drafts or not briefing.draft):
            briefings.append(briefing)
            if slug_line is not None:
                slug_lines[briefing.source_path] = slug_line
    diagnostics += _duplicate_slugs(briefings, slug_lines)
    people, problems = entities.load_directory(root, entities.PEOPLE_FILE)
    diagnostics += problems
    orgs, problems = entities.load_directory(root, entities.ORGANIZATIONS_FILE)
    diagnostics += problems
    site, problems = indexes.assemble(
        briefings, people, orgs, cache.related if cache is not None else None, config.builds,
        _checker(cache), jobs,
    )
    diagnostics += problems
    for name in (entities.PEOPLE_FILE, entities.ORGANIZATIONS_FILE):
        digests[name] = digest((root / name).read_bytes() if (root / name).is_file() else b"")
    if options.strict:
        diagnostics = strictly(diagnostics)
    return Loaded(config, site, sort_diagnostics(diagnostics), digests, people)


Parsed = tuple[Briefing | None, tuple[str, int | None] | None, list[Diagnostic]]
"""What one article gives: its briefing, where its `slug:` is, and its diagnostics."""

Entry = tuple[str, str, Parsed]
"""One article read: its path, the content hash of its text, and what parsing it gave."""


def _read_and_parse(
    root: Path, jobs: int, meanwhile: Callable[[], None] | None = None
) -> tuple[list[Entry], list[Diagnostic]]:
    """Every article read and parsed, in path order, by `jobs` processes."""
    pairs, problems = sources.find(root)
    entries: list[Entry] = []
    chunks = workers.run_chunks(_read_range, (root, pairs), len(pairs), jobs, meanwhile=meanwhile)
    for chunk_entries, chunk_problems in chunks:
        entries += chunk_entries
        problems += chunk_problems
        # Kept until the build ends, so the collector need not scan them again and again (10k
        # articles are a million objects; full collections cost the build about 0.8 s). Frozen
        # as each chunk arrives, and once more after the workers, whose end unfreezes.
        gc.freeze()
    gc.freeze()
    return entries, problems


def _read_range(shared: tuple[Path, list[sources.Pair]], start: int, stop: int) -> tuple[list[Entry], list[Diagnostic]]:
    """Read and parse articles start..stop-1 (in a worker process when there are many); only what
    parsing gives goes back, not the texts."""
    root, pairs = shared
    entries: list[Entry] = []
    problems: list[Diagnostic] = []
    for pair in pairs[start:stop]:
        source, trouble = sources.read(root, pair)
        problems += trouble
        if source is not None:
            entries.append((source.path, source.digest, parse_article(source)))
    return entries, problems


def _parse_changed(root: Path, cache: BuildCache) -> tuple[list[Entry], list[Diagnostic]]:
    """Every article, parsing only those whose text changed since the preview's last build."""
    found, problems = sources.discover(root, cache.sources)
    fresh: dict[str, tuple[str, Parsed]] = {}
    for source in found:
        known = cache.parsed.get(source.path)
        if known is None or known[0] != source.digest:
            known = (source.digest, parse_article(source))
            cache.counts.parsed += 1
        fresh[source.path] = known
    cache.parsed = fresh  # forget deleted articles
    cache.sources = {source.path: source for source in found}
    return [(path, known_digest, parsed) for path, (known_digest, parsed) in fresh.items()], problems


def parse_article(source: sources.SourceFile) -> Parsed:
    """Front matter and schema for one article."""
    raw, problems = frontmatter.split(source)
    if raw is None:
        return None, None, problems
    briefing, more = schema.to_briefing(raw)
    slug_line = (raw.data_path, raw.lines[("slug",)]) if ("slug",) in raw.lines else None
    return briefing, slug_line, problems + more


def _duplicate_slugs(
    briefings: list[Briefing], slug_lines: dict[str, tuple[str, int | None]]
) -> list[Diagnostic]:
    """Two articles cannot share a page: name both files, at the `slug:` line when there is one."""
    first: dict[str, Briefing] = {}
    problems = []
    for briefing in sorted(briefings, key=lambda b: b.source_path):
        other = first.setdefault(briefing.slug, briefing)
        if other is not briefing:
            path, line = slug_lines.get(briefing.source_path, (briefing.source_path, None))
            problems.append(
                error(path, line, f"slug: '{briefing.slug}' is already used by {other.source_path}; give one a different slug")
            )
    return problems


def check(root: Path, options: BuildOptions) -> list[Diagnostic]:
    """Validate everything, templates included, and write nothing."""
    with _parsed_kept():
        loaded = load(root, options, jobs=workers.available())
    problems = list(loaded.diagnostics)
    problems += render.check_templates(render.make_renderer(root, loaded.config))
    if options.strict:
        problems = strictly(problems)
    return sort_diagnostics(problems)


def build(root: Path, options: BuildOptions, cache: BuildCache | None = None) -> BuildResult:
    """Build the site; raise BuildFailed and leave the output as it was on any error.

    Without a cache (`briefing build`) every page is written to a staging folder that replaces
    the output in one step. With one (`briefing serve`) only pages whose inputs changed are
    rendered, and only files whose bytes changed are written, in place.
    """
    if cache is not None:
        return _build(root, options, cache)
    with _parsed_kept():
        return _build(root, options, None)


@contextlib.contextmanager
def _parsed_kept() -> Iterator[None]:
    """A build without a cache keeps what it parsed until it ends, so loading freezes it (see
    _read_and_parse); afterwards the collector looks after it again."""
    try:
        yield
    finally:
        gc.unfreeze()


_LEFT_FOR_EXIT: list[object] | None = None
"""Set by `leave_data_for_exit`: where builds put their data instead of freeing it."""


def leave_data_for_exit() -> None:
    """For a process that ends right after its build (the command line, see cli.run): each build
    from the command line leaves its articles, pages and fingerprints here rather than freeing
    them, a million objects one by one (0.1 s at 10,000 briefings); the operating system takes
    the process back at once."""
    global _LEFT_FOR_EXIT
    _LEFT_FOR_EXIT = []


def data_left_for_exit() -> bool:
    """Whether a build has left its data to be reclaimed with the process."""
    return bool(_LEFT_FOR_EXIT)


def _build(root: Path, options: BuildOptions, cache: BuildCache | None) -> BuildResult:
    started = time.perf_counter()
    counts = Counts()
    if cache is not None:
        cache.counts = counts
    out = options.output or root / "site"
    memory = _Memory(root, out, options) if cache is None and options.use_cache else None
    if memory is not None and memory.unchanged():
        stored = memory.stored
        assert stored is not None
        return BuildResult(
            briefings=stored.briefings, pages=stored.page_count, files=len(stored.outputs),
            diagnostics=stored.diagnostics, seconds=time.perf_counter() - started, counts=counts, up_to_date=True,
        )
    jobs = workers.available() if cache is None else 1  # the preview builds on a thread: no forking there
    if cache is not None and not cache.outputs and options.use_cache:
        _continue_from_disk(root, out, cache)
    check = _checker(cache)
    compiled: list[tuple[render.Renderer, dict[str, str], list[Diagnostic]]] = []

    def compile_templates(config: SiteConfig) -> None:
        """Every template compiled (and its syntax checked) while the workers parse: about 0.1 s
        that would otherwise leave the other cores idle."""
        renderer, templates = _renderer(root, config, cache)
        compiled.append((renderer, templates, render.check_templates(renderer)))

    loaded = load(root, options, cache, jobs, compile_templates)
    renderer, templates, template_problems = compiled[0]
    problems = loaded.diagnostics + template_problems
    if loaded.config.url is None and cache is None:
        problems += _strict(options, [NO_URL])
    _fail_on_errors(problems)
    check()
    planned = pages.plan(loaded.site, loaded.config, check)
    _check_output_folder(root, out)
    settings = digest(__version__, repr(loaded.config), repr(dataclasses.replace(options, use_cache=True)))
    writer: output.Staging | output.InPlace = (
        output.Staging(out) if cache is None else output.InPlace(out, cache.outputs, cache.output_lock)
    )
    prints: dict[str, str] = {}
    try:
        expected = {".nojekyll"} | ({"CNAME"} if loaded.config.cname else set())
        for folder in _static_folders(root):
            expected |= writer.copy_tree(folder)
        todo: list[pages.Page] = []
        tokens = {name: f"{name}\1{d}" for name, d in loaded.digests.items()}  # a rename moves links
        for n, page in enumerate(planned):
            if n % CHECK_EVERY == 0:
                check()
            expected.add(page.path)
            prints[page.path] = _fingerprint(settings, templates.get(page.template, ""), page, tokens)
            if cache is not None and cache.pages.get(page.path) == prints[page.path] and os.path.isfile(os.path.join(out, page.path)):
                continue
            if isinstance(writer, output.Staging) and memory is not None and memory.reuse(page.path, prints[page.path], writer):
                continue
            todo.append(page)
        counts.rendered += len(todo)
        if isinstance(writer, output.Staging):
            # Pages that show many sources first (the timeline's years, busy people): left for
            # the last chunk, they kept one core working seconds after the other had finished.
            todo.sort(key=lambda page: len(page.inputs), reverse=True)
            for chunk_problems in workers.run_chunks(_render_range, (renderer, loaded.config, todo, writer.path), len(todo), jobs):
                problems += chunk_problems
        else:
            for page in todo:
                check()
                data, errors = render_page(renderer, loaded.config, page)
                problems += errors
                if data is not None:
                    writer.write(page.path, data)
        writer.write(".nojekyll", b"")  # GitHub Pages: serve the files as they are, no Jekyll
        if loaded.config.cname:
            writer.write("CNAME", f"{loaded.config.cname}\n".encode())
        _fail_on_errors(problems)
        check()
        indexed = None
        if isinstance(writer, output.Staging) and loaded.config.builds("search"):
            same_pages = not todo and memory is not None and memory.same_pages(prints)
            indexed = memory.reuse_search(writer) if same_pages and memory is not None else None
            if indexed is None:  # indexed before the swap: a failed index leaves the output as it was
                indexed = search.index(writer.path)
                _fail_on_errors(indexed.diagnostics)
            expected |= indexed.files
        changed = writer.commit(expected)
    except BaseException:
        writer.discard()
        raise
    counts.written = len(changed)
    if memory is not None:
        memory.save(prints, expected, indexed.files if indexed is not None else frozenset(), problems,
                    len(loaded.site.briefings), len(planned))
    if cache is None and _LEFT_FOR_EXIT is not None:
        _LEFT_FOR_EXIT.append((loaded, planned, todo, prints, expected))
    if cache is not None:
        cache.pages = prints
        cache.outputs = expected
        cache.latest = Latest.of(loaded, renderer, options)
        if loaded.config.builds("search") and search.preview_needs_index(out, changed, len(planned)):
            indexed = search.index(out)  # in place, after the pages
            _fail_on_errors(indexed.diagnostics)
    return BuildResult(
        briefings=len(loaded.site.briefings),
        pages=len(planned),
        files=len(expected),
        diagnostics=sort_diagnostics(problems),
        seconds=time.perf_counter() - started,
        changed=tuple(changed),
        counts=counts,
        search_seconds=indexed.seconds if indexed is not None else 0.0,
    )


@dataclass(frozen=True, slots=True)
class Latest:
    """What the preview's latest good build rendered from: enough to render one briefing's page
    again from a save without rebuilding the site (see openpages)."""

    config: SiteConfig
    site: Site
    renderer: render.Renderer
    people: entities.Directory
    """data/people.yaml, for the canonical person ids."""
    options: BuildOptions
    by_file: dict[str, Briefing]
    """Each briefing under the path of its article and of its front matter's file."""

    @classmethod
    def of(cls, loaded: Loaded, renderer: render.Renderer, options: BuildOptions) -> Latest:
        """The state a build ends with."""
        by_file = {b.source_path: b for b in loaded.site.briefings}
        by_file.update((b.data_path, b) for b in loaded.site.briefings if b.data_path)
        return cls(loaded.config, loaded.site, renderer, loaded.people, options, by_file)


class _Memory:
    """The persistent cache of one output folder, as one build uses it (see diskcache)."""

    def __init__(self, root: Path, out: Path, options: BuildOptions) -> None:
        root = root.resolve()  # stamps name absolute paths: `--root .` and an absolute root are one site
        self.out = out
        self.version = diskcache.code_version()
        self.path = diskcache.location(root, out)
        self.stored = diskcache.load(self.path, self.version)
        self.inputs = diskcache.input_stamp(
            [root / "content", root / "data", root / "templates", root / "static"],
            [root / CONFIG_FILE],
            repr(options),
        )

    def unchanged(self) -> bool:
        """Same input stamps as the last build, whose output is still exactly as it left it."""
        return (
            self.stored is not None
            and self.inputs != ""
            and self.stored.inputs == self.inputs
            and diskcache.intact(self.out, self.stored.outputs)
        )

    def reuse(self, rel: str, fingerprint: str, writer: output.Staging) -> bool:
        """Link a page from the previous output when it was rendered from the same fingerprint and
        is still the file that build wrote."""
        stored = self.stored
        if stored is None or stored.pages.get(rel) != fingerprint:
            return False
        old = os.path.join(self.out, rel)
        if diskcache.output_stat(old) != stored.outputs.get(rel):
            return False
        return output.link_file(old, writer.path, rel)

    def same_pages(self, prints: dict[str, str]) -> bool:
        """Whether every page is the one of the last build (then so is the search index)."""
        return self.stored is not None and self.stored.pages == prints

    def reuse_search(self, writer: output.Staging) -> search.SearchIndex | None:
        """The last build's search index, linked in whole, or None if any file of it changed."""
        stored = self.stored
        if stored is None or not stored.search:
            return None
        for rel in sorted(stored.search):
            old = os.path.join(self.out, rel)
            if diskcache.output_stat(old) != stored.outputs.get(rel) or not output.link_file(old, writer.path, rel):
                return None
        return search.SearchIndex(files=stored.search)

    def save(self, prints: dict[str, str], files: set[str], search_files: frozenset[str],
             problems: list[Diagnostic], briefings: int, pages: int) -> None:
        """Record this build; a file that cannot be written only costs the next build its head start.

        `files` is every file of the output (the staging folder held nothing else), so they are
        looked up by name rather than found by walking 10,000 folders (0.13 s at 10k)."""
        base = str(self.out)
        outputs = {rel: stat for rel in sorted(files) if (stat := diskcache.output_stat(os.path.join(base, rel)))}
        stored = diskcache.Stored(self.inputs, prints, outputs, frozenset(search_files),
                                  sort_diagnostics(problems), briefings, pages)
        with contextlib.suppress(OSError):
            diskcache.save(self.path, self.version, stored)


CHECK_EVERY = 500
"""Pages fingerprinted between two looks for newer saves (about 5 ms at 10,000 briefings)."""


def _checker(cache: BuildCache | None) -> Callable[[], None]:
    """What a build calls between its steps: the preview's stops it when newer saves wait (see
    BuildCache.check); a build from the command line is never superseded."""
    return cache.check if cache is not None else _carry_on


def _carry_on() -> None:
    """Nothing waits on a build from the command line."""


def _continue_from_disk(root: Path, out: Path, cache: BuildCache) -> None:
    """Start the preview from the last `briefing build` of this output: each page whose file is
    still as that build wrote it (size, time, inode) keeps that build's fingerprint, which is the
    preview's own, so only pages whose inputs or files changed since are rendered. The search
    index is kept; every other file that is not built is removed as usual. At 10,000 briefings
    right after a build, this turns a first preview build of a minute into a few seconds."""
    stored = diskcache.load(diskcache.location(root.resolve(), out), diskcache.code_version())
    if stored is None:
        return
    for rel, fingerprint in stored.pages.items():
        written = stored.outputs.get(rel)
        if written is not None and diskcache.output_stat(os.path.join(out, rel)) == written:
            cache.pages[rel] = fingerprint
    cache.outputs = {rel for rel in output.all_files(out) if not rel.startswith(f"{search.BUNDLE}/")}


def _fingerprint(settings: str, template: str, page: pages.Page, tokens: dict[str, str]) -> str:
    """Everything a page is made from, as one digest: settings, its templates, its path and the
    content hash of each source it shows. One string hashed once, since index pages list
    thousands of sources and this runs for every page on every save."""
    parts = [settings, template, page.path]
    parts += [tokens.get(name) or name for name in page.inputs]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def render_page(renderer: render.Renderer, config: SiteConfig, page: pages.Page) -> tuple[bytes | None, list[Diagnostic]]:
    """One page's bytes: through its template, or its feed writer for data files."""
    if page.feed is not None:
        return feeds.WRITERS[page.feed](page.context, config), []
    return render.render(renderer, page)


def _render_range(
    shared: tuple[render.Renderer, SiteConfig, list[pages.Page], Path], start: int, stop: int
) -> list[Diagnostic]:
    """Render pages start..stop-1 and write them into the staging folder (in a worker process when
    there are many); only the diagnostics go back.

    Pages are rendered a batch at a time and then written together. Rendering one page and
    writing it, in turn, made each cost more: Python's rendering and the kernel's file creation
    each pushed the other's code and data out of the CPU's caches. Batched, rendering and
    writing 10,000 pages took about a tenth less CPU; a batch is small enough (a few MB) that
    memory does not grow with the site."""
    renderer, config, todo, folder = shared
    problems: list[Diagnostic] = []
    rendered: list[tuple[str, bytes]] = []
    for page in todo[start:stop]:
        data, errors = render_page(renderer, config, page)
        problems += errors
        if data is not None:
            rendered.append((page.path, data))
            if len(rendered) == _WRITE_BATCH:
                _write_all(folder, rendered)
    _write_all(folder, rendered)
    return problems


_WRITE_BATCH = 200
"""Pages rendered before they are written: a worker's chunk of briefing pages, about 3 MB."""


def _write_all(folder: Path, rendered: list[tuple[str, bytes]]) -> None:
    """Write the rendered pages, then forget them."""
    for path, data in rendered:
        output.write_file(folder, path, data)
    rendered.clear()


def clean(root: Path, out_dir: Path | None = None) -> list[Path]:
    """Remove the output folder and the build cache (`briefing clean`); return what was removed."""
    out = out_dir or root / "site"
    _check_output_folder(root, out)
    output.remove_leftovers(out)
    removed = []
    for target in (out, root / diskcache.FOLDER):
        if target.is_dir():
            shutil.rmtree(target)
            removed.append(target)
    return removed


def _renderer(root: Path, config: SiteConfig, cache: BuildCache | None) -> tuple[render.Renderer, dict[str, str]]:
    """A Jinja environment and each template's fingerprint; the preview keeps both while the
    settings and every file of templates/ (names, sizes, times) stay the same, so compiled
    templates are reused. Any change to that folder starts afresh: the environment does not
    re-check templates itself, and a file added or removed may shadow a built-in template it has
    cached."""
    folder = root / "templates"
    key = (config, diskcache.folder_stamp(folder) if folder.is_dir() else None)
    if cache is not None and cache.renderer is not None and cache.renderer[0] == key:
        return cache.renderer[1]  # type: ignore[no-any-return]
    renderer = render.make_renderer(root, config)
    made = (renderer, render.template_fingerprints(renderer))
    if cache is not None:
        cache.renderer = (key, made)
    return made


NO_URL = warning(
    CONFIG_FILE, None,
    "no url: canonical and Open Graph links, the feeds (feed.xml, feed.json) and sitemap.xml are left "
    "out, and 404.html links work only at the top level; set url (e.g. https://USER.github.io/REPO/) "
    "or pass --base-url",
)


def _strict(options: BuildOptions, problems: list[Diagnostic]) -> list[Diagnostic]:
    return strictly(problems) if options.strict else problems


def _fail_on_errors(problems: list[Diagnostic]) -> None:
    if any(d.is_error for d in problems):
        raise BuildFailed(sort_diagnostics(problems))


def _static_folders(root: Path) -> list[Path]:
    """Built-in static files first, then the site's own, which win."""
    default = defaults.static()
    folders = [default.resolve()] if default.is_dir() else []
    own = (root / "static").resolve()
    if own.is_dir() and own not in folders:
        folders.append(own)
    return folders


def _check_output_folder(root: Path, out: Path) -> None:
    """The output folder is replaced whole, so it must not hold the site's own files."""
    out_r, root_r = out.resolve(), root.resolve()
    inputs = [root_r / name for name in ("content", "templates", "static")]
    if out_r == root_r or root_r.is_relative_to(out_r) or any(out_r.is_relative_to(p) for p in inputs):
        raise BuildFailed([error(str(out), None, "output folder would replace the site's own files; choose another --output")])
    if out.exists() and not out.is_dir():
        raise BuildFailed([error(str(out), None, "output must be a folder, but this is a file; choose another --output")])
