"""Score the importer against gold annotations, by the rules of the import-dev scorer (GUIDELINES.md).

`python -m generator.importer.evaluate GOLD_DIR [--write PRED_DIR]` drafts every `<stem>.txt` of
GOLD_DIR, compares it with `<stem>.yaml` and prints the micro-averaged scores; `--write` also
saves each prediction as `<stem>.yaml` (people with aliases, quotes, timeline with evidence), the
format `score.py GOLD_DIR PRED_DIR` reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importer import analysis, rawarticle
from generator.importer.draft import quoted

QUOTE_F1 = 0.8
EVENT_OVERLAP = 0.3
_TRANSLIT = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d", "‘": "'", "’": "'", "ʼ": "'", "`": "'",
})
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "rev", "hon"}
_NULL_SPEAKERS = {"", "null", "none", "unknown", "unattributed", "anonymous", "n a"}
_STOP = set("""a an the and or but of in on at to for from by with as is are was were be been being
has have had do does did it its this that these those he she they them his her their we our you your
i me my not no so than then there here into onto over under after before about against between
during while will would can could may might must shall should also just only very more most such
said says say told according which who whom whose what when where why how all any each both""".split())

Record = dict[str, list[dict[str, Any]]]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).translate(_TRANSLIT))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def norm_name(name: str | None) -> str:
    """A name compared without case, diacritics, punctuation or a leading honorific."""
    if name is None:
        return ""
    words = re.sub(r"[^a-z0-9]+", " ", _fold(name).replace("'", "")).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _tokens(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", _fold(text)) if text is not None else []


def _content(text: str | None) -> set[str]:
    return {t for t in _tokens(text) if t not in _STOP}


def _token_f1(a: str, b: str) -> float:
    ta, tb = Counter(_tokens(a)), Counter(_tokens(b))
    if not ta or not tb:
        return 0.0
    return 2.0 * sum((ta & tb).values()) / (sum(ta.values()) + sum(tb.values()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2.0 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def normalise(data: Any) -> Record:
    """A gold or predicted record in the scorer's shape (ids of people replaced by names in `by`)."""
    data = data if isinstance(data, dict) else {}
    people = []
    for p in data.get("people") or []:
        p = {"name": p} if isinstance(p, str) else p
        if isinstance(p, dict) and p.get("name"):
            people.append({"name": str(p["name"]), "aliases": [str(a) for a in p.get("aliases") or [] if a], "id": p.get("id")})
    ids = {str(p["id"]): p["name"] for p in people if p.get("id") not in (None, "")}
    quotes = []
    for q in data.get("quotes") or []:
        q = {"text": q} if isinstance(q, str) else q
        if isinstance(q, dict) and q.get("text"):
            by = None if q.get("by") is None else str(q["by"])
            quotes.append({"text": str(q["text"]), "by": ids.get(by, by) if by is not None else None})
    timeline = [
        {"date": _date(t.get("date")), "event": str(t.get("event") or ""), "evidence": str(t.get("evidence") or "")}
        for t in data.get("timeline") or [] if isinstance(t, dict) and t.get("date") is not None
    ]
    return {"people": people, "quotes": quotes, "timeline": timeline}


def _speaker_ok(gold_by: str | None, pred_by: str | None, gold_people: list[dict[str, Any]]) -> bool:
    pb = norm_name(pred_by)
    if gold_by is None:
        return pb in _NULL_SPEAKERS
    if pb in _NULL_SPEAKERS:
        return False
    gb = norm_name(gold_by)
    for person in gold_people:
        if norm_name(person["name"]) == gb:
            return pb in {gb} | {norm_name(a) for a in person["aliases"]}
    if pb == gb:
        return True
    a, b = _content(gold_by), _content(pred_by)
    return bool(a) and bool(b) and (a <= b or b <= a)


@dataclass(slots=True)
class Tally:
    """Counts for one category: true positives, predicted, gold."""

    tp: int = 0
    """Matched items."""
    predicted: int = 0
    """Items predicted."""
    gold: int = 0
    """Items in the gold file."""

    def add(self, tp: int, predicted: int, gold: int) -> None:
        """Count one article."""
        self.tp, self.predicted, self.gold = self.tp + tp, self.predicted + predicted, self.gold + gold

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Micro-averaged counts over a set of articles."""

    people: Tally = field(default_factory=Tally)
    """People names."""
    quotes: Tally = field(default_factory=Tally)
    """Quotation spans."""
    timeline: Tally = field(default_factory=Tally)
    """Dated events (date and event words)."""
    speaker_right: int = 0
    """Matched quotes whose speaker is right."""

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched quotes with the right speaker."""
        return self.speaker_right / self.quotes.tp if self.quotes.tp else 0.0

    def line(self) -> str:
        """The scorer's last line."""
        return (f"import: people F1={self.people.f1:.3f} quotes F1={self.quotes.f1:.3f} "
                f"speaker acc={self.speaker_accuracy:.3f} timeline F1={self.timeline.f1:.3f}")


def score_article(gold: Record, pred: Record, scores: Scores) -> None:
    """Add one article's matches to `scores`, matching one-to-one and greedily as score.py does."""
    pairs = []
    for gi, g in enumerate(gold["people"]):
        forms = ({norm_name(g["name"])} | {norm_name(a) for a in g["aliases"]}) - {""}
        for pi, p in enumerate(pred["people"]):
            pn = norm_name(p["name"])
            if pn in forms:
                pairs.append((2.0 if pn == norm_name(g["name"]) else 1.0, gi, pi))
    scores.people.add(len(_greedy(pairs)), len(pred["people"]), len(gold["people"]))
    pairs = [(f, gi, pi) for gi, g in enumerate(gold["quotes"]) for pi, p in enumerate(pred["quotes"])
             if (f := _token_f1(g["text"], p["text"])) >= QUOTE_F1]
    matched = _greedy(pairs)
    scores.quotes.add(len(matched), len(pred["quotes"]), len(gold["quotes"]))
    scores.speaker_right += sum(_speaker_ok(gold["quotes"][g]["by"], pred["quotes"][p]["by"], gold["people"]) for g, p in matched)
    pairs = []
    for gi, g in enumerate(gold["timeline"]):
        for pi, p in enumerate(pred["timeline"]):
            if p["date"] == g["date"]:
                s = max(_dice(_content(p["event"]), _content(g["event"])), _dice(_content(p["event"]), _content(g["evidence"])))
                if s >= EVENT_OVERLAP:
                    pairs.append((s, gi, pi))
    scores.timeline.add(len(_greedy(pairs)), len(pred["timeline"]), len(gold["timeline"]))


def predict(result: analysis.Analysis) -> dict[str, Any]:
    """The importer's findings in the scorer's format, aliases and evidence included."""
    return {
        "people": [{"name": p.name, "aliases": list(p.aliases)} for p in result.people],
        "quotes": [{"text": q.text, "by": q.by} for q in result.quotes],
        "timeline": [{"date": e.date.iso, "event": e.event, "evidence": e.evidence} for e in result.timeline],
    }


def to_yaml(prediction: dict[str, Any]) -> str:
    """A prediction file, every string double-quoted."""
    out = ["people:"]
    for p in prediction["people"]:
        out += [f"  - name: {quoted(p['name'])}", "    aliases: [" + ", ".join(quoted(a) for a in p["aliases"]) + "]"]
    out.append("quotes:")
    for q in prediction["quotes"]:
        out += [f"  - text: {quoted(q['text'])}", f"    by: {'null' if q['by'] is None else quoted(q['by'])}"]
    out.append("timeline:")
    for t in prediction["timeline"]:
        out += [f"  - date: {quoted(t['date'])}", f"    event: {quoted(t['event'])}", f"    evidence: {quoted(t['evidence'])}"]
    return "\n".join(out) + "\n"


def evaluate(gold_dir: Path, write_to: Path | None = None) -> tuple[Scores, dict[str, Scores]]:
    """Import every article of `gold_dir` and score it against its gold file."""
    total, per_article = Scores(), {}
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        article_path = gold_path.with_suffix(".txt")
        gold = normalise(yaml.safe_load(gold_path.read_text(encoding="utf-8")))
        pred: dict[str, Any] = {}
        if article_path.exists():
            article, _ = rawarticle.parse(article_path.read_text(encoding="utf-8"), str(article_path), None)
            if article is not None:
                pred = predict(analysis.analyse(article))
        if write_to is not None:
            write_to.mkdir(parents=True, exist_ok=True)
            empty: dict[str, Any] = {"people": [], "quotes": [], "timeline": []}
            (write_to / gold_path.name).write_text(to_yaml(pred or empty), encoding="utf-8")
        per_article[gold_path.stem] = Scores()
        score_article(gold, normalise(pred), per_article[gold_path.stem])
        score_article(gold, normalise(pred), total)
    return total, per_article


def main(argv: Sequence[str] | None = None) -> int:
    """Print per-article and micro-averaged scores; 0 unless the folder has no gold files."""
    parser = argparse.ArgumentParser(prog="python -m generator.importer.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir", type=Path, help="folder of <stem>.txt articles and <stem>.yaml gold files")
    parser.add_argument("--write", type=Path, metavar="PRED_DIR", help="also save the predictions as <stem>.yaml")
    args = parser.parse_args(argv)
    total, per_article = evaluate(args.gold_dir, args.write)
    if not per_article:
        print(f"no gold .yaml files in {args.gold_dir}", file=sys.stderr)
        return 2
    for stem, s in per_article.items():
        print(f"{stem}: people {s.people.tp}/{s.people.predicted}/{s.people.gold}  quotes {s.quotes.tp}/{s.quotes.predicted}/"
              f"{s.quotes.gold}  speaker {s.speaker_right}/{s.quotes.tp}  timeline {s.timeline.tp}/{s.timeline.predicted}/{s.timeline.gold}")
    print(total.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
