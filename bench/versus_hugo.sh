#!/usr/bin/env bash
# `briefing build` side by side with Hugo on the corpus of ../shared/bench (gen_corpus.py, seed 1),
# timed by that folder's run_peers.sh and timeit_cmd.py exactly as the peers are: the figures of the
# README's "Speed" section.
#
# usage: bash bench/versus_hugo.sh [N ...]          (default: 1000 10000)
#        PARTS="peers whole" bash bench/versus_hugo.sh 10000   (only those parts; default: all five)
# needs: `bash ../shared/bench/setup_peers.sh` once (Hugo and the timer's venv), `briefing` on PATH.
#
# For each N, in ../shared/bench/.work/sites/N/briefing (the project's `briefing init` skeleton and
# the corpus, as run_peers.sh prepares it), reports go to bench/.work/versus-hugo/N/:
#   peers/     the peers' work: briefing pages + home page (site.yaml disables every other kind),
#              cold (output and .briefing-cache/ moved away before each run), with Hugo in the same run
#   whole/     every page kind, feeds and sitemap, cold; search indexing left out here ...
#   search.txt ... and timed on its own: one cold build with it, the indexer's seconds from the summary
#   nochange/  `briefing build` again with nothing changed, each run a new process (cache kept)
#   memory-*.txt  peak memory of all processes together (bench/treemem.py: summed RSS and PSS)
#   pairs-*.txt   the peers' pages and the whole site timed in turns with Hugo (bench/pairs.py:
#                 ABBA pairs, the ratio taken within each pair, so the machine's noise moves it less)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHARED=${SHARED_BENCH:-$(cd "$HERE/../../shared/bench" && pwd)}
W=$SHARED/.work
PY=$W/venvs/floors/bin/python
OUT=$HERE/.work/versus-hugo
# The installed `briefing` script itself, as Hugo's binary is run, not a version manager's shim
# in front of it (pyenv's costs about 80 ms a run here); `briefing` on PATH when there is no such file.
BRIEFING=${BRIEFING:-$(python3 -c 'import os, shutil, sysconfig; p = os.path.join(sysconfig.get_path("scripts"), "briefing"); print(p if os.path.isfile(p) else shutil.which("briefing"))')}
export BRIEFING BRIEFING_CLEAN="site .briefing-cache"
[ $# -gt 0 ] || set -- 1000 10000
PARTS=" ${PARTS:-peers whole search nochange pairs} "
wants() { [[ $PARTS == *" $1 "* ]]; }
ALL_KINDS="[people, organizations, tags, sections, timeline, search, feeds, sitemap]"
# Earlier outputs are moved into trash folders, which are deleted only when every part is done:
# on this machine, creating files within minutes of deleting tens of thousands costs the file
# system far more (ext4's search for a free inode), and a whole-site build, which creates half
# as many files again as the peers' pages, pays more of that than Hugo's run beside it.
TRASH_DIR=$W/trash.versus
mkdir -p "$TRASH_DIR"
MOVE_AWAY='to="'"$TRASH_DIR"'/$(date +%s%N)"; mkdir -p "$to"; for d in site .briefing-cache; do if [ -e "$d" ]; then mv "$d" "$to/"; fi; done'
trap 'rm -rf "$TRASH_DIR" "$W/trash.pairs"' EXIT
SITE_URL=https://example.github.io/briefings/

settings() {  # site.yaml of the skeleton plus a public url (as a published site has: canonical and
  # Open Graph links, and the feeds and sitemap, which are built only with one) and disable_kinds;
  # dated back so its stamp is trusted at once
  local site=$1 kinds=$2
  { grep -v '^disable_kinds:\|^url:' "$site/site.yaml.skeleton"; echo "url: $SITE_URL"; echo "disable_kinds: $kinds"; } > "$site/site.yaml"
  touch -d '1 minute ago' "$site/site.yaml"
}

for N in "$@"; do
  site=$W/sites/$N/briefing
  mkdir -p "$OUT/$N"
  if [ ! -f "$site/.corpus-$N-1" ]; then  # what run_peers.sh's prepare does for the briefing target
    rm -rf "$site"; mkdir -p "$site"
    python3 "$SHARED/gen_corpus.py" --n "$N" --seed 1 --layout plain --out "$site"
    find "$site/content" -exec touch -d '1 hour ago' {} +
    touch "$site/.corpus-$N-1"
  fi
  # The skeleton of the installed version, every time: a site's own templates/ override the built-in ones.
  rm -rf "$W/init.tmp" "$site/templates" "$site/static"; $BRIEFING init "$W/init.tmp" >/dev/null
  (cd "$W/init.tmp" && for f in *; do [ "$f" = content ] || cp -r "$f" "$site/"; done)
  mv "$site/site.yaml" "$site/site.yaml.skeleton"
  rm -rf "$W/init.tmp"

  if wants peers; then
  echo "### N=$N: peers' work (briefing pages + home), side by side with Hugo"
  settings "$site" "$ALL_KINDS"
  RES_DIR=$OUT/$N/peers bash "$SHARED/run_peers.sh" "$N" hugo briefing
  (cd "$site" && python3 "$HERE/treemem.py" -n 3 --before "$MOVE_AWAY" -- $BRIEFING build) | tee "$OUT/$N/memory-peers.txt"
  fi

  if wants whole; then
  echo "### N=$N: whole site, search indexing left out"
  settings "$site" "[search]"
  RES_DIR=$OUT/$N/whole bash "$SHARED/run_peers.sh" "$N" briefing
  (cd "$site" && python3 "$HERE/treemem.py" -n 3 --before "$MOVE_AWAY" -- $BRIEFING build) | tee "$OUT/$N/memory-whole.txt"
  fi

  if wants search; then
  echo "### N=$N: whole site with search, the indexer timed by the build itself"
  settings "$site" "[]"
  (cd "$site" && sh -c "$MOVE_AWAY" && $BRIEFING build 2>/dev/null | tail -1) | tee "$OUT/$N/search.txt"
  fi

  if wants nochange; then
  echo "### N=$N: rebuild with nothing changed, each a new process"
  wants search || settings "$site" "[]"   # the warm-up run builds it
  mkdir -p "$OUT/$N/nochange"
  (cd "$site" && "$PY" "$SHARED/timeit_cmd.py" -n 5 --warmup 1 -- sh -c "exec $BRIEFING build >/dev/null 2>&1") | tee "$OUT/$N/nochange/briefing.txt"
  (cd "$site" && $BRIEFING build 2>/dev/null | tail -1) | tee -a "$OUT/$N/nochange/briefing.txt"
  fi
  if wants pairs; then
  hugo_site=$W/sites/$N/hugo
  export TRASH=$W/trash.pairs
  mkdir -p "$TRASH"
  [ -d "$hugo_site/content" ] || { echo "pairs: run the peers part once first ($hugo_site)"; exit 1; }
  for kinds in peers whole; do
    echo "### N=$N: $kinds, in turns with Hugo (ABBA pairs, ratio within each pair)"
    if [ "$kinds" = peers ]; then settings "$site" "$ALL_KINDS"; else settings "$site" "[search]"; fi
    # Outputs are moved aside, not deleted, before each run (as run_peers.sh does): deleting
    # 10,000 files just before a timed run slows the run after it.
    away='for d in DIRS; do if [ -e "$d" ]; then mv "$d" "$TRASH/$d.$(date +%s%N)"; fi; done'
    python3 "$HERE/pairs.py" -n 5 --warmup 1 \
      --a-dir "$hugo_site" --a-before "${away/DIRS/public resources .hugo_cache .hugo_build.lock}" --a "hugo --cacheDir $hugo_site/.hugo_cache" \
      --b-dir "$site" --b-before "${away/DIRS/site .briefing-cache}" --b "$BRIEFING build" | tee "$OUT/$N/pairs-$kinds.txt"
  done
  fi
  settings "$site" "$ALL_KINDS"
done
