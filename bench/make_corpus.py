#!/usr/bin/env python3
"""Write a deterministic synthetic site of N briefings for the benchmark.

usage: make_corpus.py N OUTDIR [--seed S]

Writes OUTDIR/site.yaml and OUTDIR/content/briefing-00001.md ... with about 600-word bodies
and full front matter, mixed like ../shared/bench/gen_corpus.py so that our figures can be
set beside the peers' in its RESULTS.md.  Standard library only, and every choice comes from
`random.Random`, so the same (N, seed) always gives the same bytes; briefing i depends only on
(seed, i) and the briefings before it, so the corpus for N=1000 is a prefix of N=10000.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

VERSION = 1
"""Bump when the output changes, so that run.py stops reusing old corpora."""

STAMP = ".bench-corpus"
"""File in OUTDIR naming the version, N and seed that made it."""

def words(text: str) -> list[str]:
    """The words of a whitespace-separated block; long lists stay readable that way."""
    return text.split()


NOUNS = words("""
agreement agency airport alliance analyst appeal archive assembly audit authority ballot
bank barrier basin battery bid bill board bond border bridge budget bureau cabinet campaign
canal candidate capacity cargo ceasefire census charter claim clinic coalition commission
committee company compromise conference contract convoy corridor council court credit crop
currency dam database deadline debate debt decision decree deficit delegation deposit dispute
district draft drought economy election embargo emission exchange export facility factory
farm fee fleet flood forecast forum framework fund grant grid harbour hearing highway
hospital housing import incentive index industry inflation inquiry insurer investor judge
labour lease lender levy licence loan lobby mandate market merger mine minister mission
monitor motion network office operator outbreak panel parliament pension permit pipeline
plan plant pledge policy port premium price proposal prosecutor protest province quota
railway rate reactor referendum reform region regulator report reserve resolution review
revenue ruling sanction scheme school sector senate settlement shipment shortage subsidy
summit supplier surplus survey tariff tax tender terminal treaty tribunal turbine union
vaccine vendor verdict vessel vote wage warehouse watchdog worker
""")

ADJECTIVES = words("""
abrupt additional ambitious annual bilateral binding bold broad cautious central civic
coastal collective commercial contentious controversial costly critical crucial decisive
diplomatic disputed domestic dramatic durable economic emergency federal financial fiscal
foreign formal fragile fresh gradual harsh historic humanitarian immediate independent
industrial informal interim internal international judicial landmark lasting legal limited
local major maritime military modest municipal national new nuclear ongoing partial pending
pivotal political preliminary prolonged provisional public quarterly rapid recent regional
regulatory renewed revised rival rural secret senior severe sharp significant sovereign
steady strategic strict structural sudden symbolic technical temporary tentative urgent
unexpected unilateral unprecedented unresolved vast volatile vulnerable widespread
""")

ADVERBS = words("""
abruptly already broadly carefully cautiously clearly closely eventually firmly formally
gradually heavily immediately initially jointly largely narrowly notably officially openly
partially privately quickly quietly rapidly reluctantly repeatedly reportedly sharply
slowly steadily strongly suddenly swiftly temporarily unanimously unexpectedly widely
""")

VERBS_PAST = words("""
accepted adopted allocated amended announced approved backed banned blocked boosted
cancelled capped challenged cleared completed condemned confirmed delayed denied disclosed
doubled drafted eased endorsed expanded extended filed froze halted imposed introduced
issued lifted lowered negotiated opposed ordered outlined paused pledged postponed proposed
published raised ratified rejected released renewed reopened revised scrapped secured
signed slashed suspended tightened unveiled upheld vetoed warned welcomed withdrew
""")

VERBS_INF = words("""
approve assess block boost broaden close cover curb cut delay deliver ease expand extend
fund halt implement impose improve introduce launch lift limit lower monitor negotiate
oppose overhaul pause protect publish raise reduce reform reject renew replace resolve
restore review revise scrap secure settle simplify strengthen suspend tighten withdraw
""")

VERBS_PRES = words("""
approves backs blocks boosts cuts delays doubles eases expands halts launches lifts limits
opposes outlines pauses pledges proposes rejects revises scraps seeks signs suspends warns
""")

SPEECH = ["said", "added", "argued", "warned", "told reporters", "insisted", "conceded",
          "stressed", "wrote"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SECTIONS = ["World", "Politics", "Business", "Technology", "Science", "Health", "Climate",
            "Energy"]

TAGS = words("""
agriculture antitrust aviation banking biotech budget central-banks climate-policy courts
cybersecurity defence diplomacy drought education elections energy-prices fisheries
food-security health-care housing immigration infrastructure inflation labour-markets
manufacturing maritime media migration mining nuclear oil-and-gas pensions public-health
railways renewables sanctions semiconductors shipping space supply-chains taxation telecoms
trade transport universities water wildfires
""")

FIRST = words("""
Aaron Adaeze Ahmed Aiko Aisha Alejandro Alice Amara Anders Ana Anika Arjun Astrid Beatriz
Bilal Bruno Camille Carlos Chen Chiara Chidi Clara Daniel Daria Dawit Deepa Diego Dmitri Elena
Elif Emeka Emma Erik Esther Fatima Felipe Fiona Gabriel Giulia Grace Hana Hassan Henrik Hiroshi
Ibrahim Ines Ingrid Ivan Jamal Jana Javier José Jonas Julia Kaito Karin Kenji Kwame Laila Lars
Leila Lena Lucia Luis Magnus Malik Maria Marta Mateo Mei Mira Nadia Naledi Nikolai Nina Noor
Olga Omar Oscar Pablo Pedro Petra Priya Rafael Ravi Rosa Ruth Samuel Sara Selin Sofia Søren
Tamar Tariq Teresa Thabo Tomas Vera Viktor Wei Yara Yusuf Zainab Zoë Łukasz
""")

SURNAMES = words("""
Adeyemi Aguilar Ahmadi Alvarez Andersen Aoki Arslan Asante Bakker Balogun Banerjee Bauer
Becker Bianchi Blanco Borges Brennan Castillo Chandra Chen Costa Cruz Dahl Das Delgado Demir
Diallo Dimitrov Dlamini Dubois Duarte Eklund Eze Ferreira Fischer Fujita Gallagher Garcia Gómez
Gupta Haddad Hansen Hayashi Herrera Hoang Horvath Huang Iqbal Ivanova Jansen Jensen Kamau Kapoor
Karimi Kato Kaur Kelly Khan Kim Koch Kowalski Kumar Larsen Laurent Lee Lopez Malik Martins Mbeki
Mehta Mensah Meyer Moreau Müller Murphy Mwangi Nakamura Nguyen Nielsen Novak Núñez Obi Okafor
Oliveira Osei Ozturk Park Patel Pereira Petrov Popescu Rahman Reyes Rossi Ruiz Santos Sato
Schmidt Sharma Silva Singh Sokolov Suzuki Tanaka Torres Tran Vargas Vogel Wagner Walsh Wang
Weber Wu Yilmaz Zhang
""")

ROLES = ["minister", "deputy minister", "chief executive", "chair", "spokesperson", "analyst",
         "economist", "governor", "mayor", "director", "chief negotiator", "union leader",
         "prosecutor", "judge", "ambassador", "commissioner", "professor", "researcher",
         "board member", "policy adviser", "founder", "senator", "chief scientist", "lawyer"]

ORG_KINDS = ["Ministry of {T}", "{P} {T} Authority", "{P} Institute for {T} Studies",
             "{P} Holdings", "{P} {T} Council", "University of {P}", "{P} Port Authority",
             "{P} Workers' Union", "Bank of {P}", "{P} Logistics", "{P} Chamber of Commerce",
             "{P} Court of Appeal", "{P} Foundation", "{P} Group", "{P} Rail", "{P} Times"]
ORG_TOPICS = ["Finance", "Trade", "Energy", "Transport", "Health", "Education", "Agriculture",
              "Defence", "Water", "Housing", "Labour", "Fisheries", "Mining", "Justice"]

SYL_A = ["ka", "lo", "mar", "ven", "tor", "sel", "bri", "dan", "ost", "vel", "ru", "zan", "mi",
         "cor", "pal", "ner", "ash", "bel", "dor", "fen", "gal", "hal", "jor", "kel", "lun"]
SYL_B = ["a", "e", "i", "o", "u", "ia", "an", "en", "or", "el"]
SYL_C = ["ton", "via", "burg", "mouth", "stad", "port", "field", "nia", "grad", "ville", "ford",
         "holm", "dale", "lia", "mont", "vik", "haven", "shire"]

LINK_TEXT = ["the full report", "a statement", "the ruling", "official figures",
             "the draft text", "the filing", "earlier coverage", "the minutes"]
SUBHEADS = ["What happens next", "Background", "Reaction", "The numbers", "Why it matters",
            "Regional impact", "Legal questions", "Market response"]

SENTENCES = [
    "{person}, the {adj} figure behind the {noun}, {vpast} the {nouns} {when}.",
    "Officials in {place} {vpast} {num} {nouns} {when}, {adv} reversing a {adj} {noun}.",
    "The {noun} comes after a {adj} {noun} in {place} {vpast} the {noun} of {nouns}.",
    "According to {org}, {pct} of {nouns} in {place} {vpast} the {adj} {noun} {when}.",
    "Critics {vpast} that the {noun} {adv} {vpast} the {nouns} of {adj} {nouns}.",
    "{org} {vpast} {money} for the {adj} {noun}, a figure that {adv} {vpast} earlier {nouns}.",
    "It was not immediately clear whether the {noun} would {vinf} the {adj} {nouns} of {place}.",
    "The {adj} {noun} is expected to {vinf} {num} {nouns} by {month} {year_next}.",
    "{org} has {adv} {vpast} the {noun}, saying it would {vinf} the {adj} {noun}.",
    "In {place}, {nouns} {vpast} {adv} as the {noun} {vpast} the {adj} {noun}.",
    "Analysts at {org} {vpast} that {adj} {nouns} could {vinf} the {noun} within {small} months.",
    "The {noun} of {place} {vpast} {pct} {when}, the {adj} level since {year}.",
    "{person} {speech} that the {adj} {noun} {adv} {vpast} the {noun}.",
    "Lawmakers {vpast} the {noun} by {small} votes, {adv} clearing the way for {adj} {nouns}.",
    "Negotiators from {place} and {place} {vpast} a {adj} {noun} after {small} days of talks.",
    "Under the {noun}, {nouns} would {vinf} the {adj} {noun} worth {money}.",
    "Shares in {org} {vpast} {pct} after the {noun} was {vpast}.",
    "Residents of {place} {vpast} the {noun}, which {adv} {vpast} local {nouns}.",
    "Neither {org} nor {org} {vpast} to comment on the {adj} {noun}.",
    "The {noun} has {adv} {vpast} since {year}, when {org} first {vpast} the {nouns}.",
    "A spokesperson for {org} {speech} the {noun} would {vinf} {adj} {nouns}.",
    "Data from {org} {vpast} that {num} {nouns} were {vpast} {when}.",
]
QUOTES = [
    "We {vpast} the {noun} because the {nouns} of {place} could not wait.",
    "This {noun} will {vinf} the {adj} {nouns} we have {adv} {vpast}.",
    "Nobody {vpast} a {adj} {noun} of this kind, and we intend to {vinf} it.",
    "The {nouns} are clear: we must {vinf} the {noun} before {month}.",
    "It is a {adj} {noun}, but it does not {vinf} the {adj} {nouns}.",
    "I do not think the {noun} will {vinf} anything for {nouns} in {place}.",
]
TITLES = [
    "{org} {vpres} {adj} {noun} in {place}",
    "{place} {vpres} {noun} as {nouns} {vpast}",
    "{Adj} {noun} {vpast} after talks in {place}",
    "Why the {adj} {noun} in {place} matters",
    "{org} {vpres} {money} {noun}",
    "{place} {nouns} {vpast} over {adj} {noun}",
]
FACTS = [
    "{org} {vpast} {money} in {year}.",
    "{pct} of {nouns} in {place} {vpast} the {noun}.",
    "The {noun} covers {num} {nouns}.",
    "The {adj} {noun} was {vpast} by {small} votes.",
    "{place} has {vpast} {num} {nouns} since {year}.",
]
EVENTS = [
    "{org} {vpast} the {adj} {noun}.",
    "{person} {vpast} the {noun} in {place}.",
    "{Nouns} in {place} {vpast} the {noun}.",
    "{org} and {org} {vpast} a {noun}.",
]


def plural(noun: str) -> str:
    """Good-enough English plurals, so the prose reads like prose."""
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def slug(text: str) -> str:
    """Lower-case ASCII slug for URLs in links and sources."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


class World:
    """Pools shared by all briefings (places, orgs, people, authors), fixed by the seed.

    People are drawn with Zipf-like weights so that some recur across many briefings, as in
    real news and in the peers' corpus; that exercises per-person index pages.
    """

    def __init__(self, seed: int) -> None:
        r = random.Random(f"world:{seed}")
        self.places = sorted({(r.choice(SYL_A) + r.choice(SYL_B) * r.randint(0, 1)
                               + r.choice(SYL_C)).capitalize() for _ in range(400)})
        self.orgs = sorted({r.choice(ORG_KINDS).format(P=r.choice(self.places),
                                                       T=r.choice(ORG_TOPICS))
                            for _ in range(300)})
        names = sorted({f"{r.choice(FIRST)} {r.choice(SURNAMES)}" for _ in range(1600)})
        r.shuffle(names)
        self.people = [{"name": n, "role": r.choice(ROLES), "org": r.choice(self.orgs)}
                       for n in names[:1500]]
        self.weights = [1.0 / (i + 20) ** 0.9 for i in range(len(self.people))]
        self.authors = [f"{r.choice(FIRST)} {r.choice(SURNAMES)}" for _ in range(30)]


class Writer:
    """Fills `{slot}` templates from the word lists with one briefing's random stream."""

    def __init__(self, world: World, r: random.Random, cast: list[dict[str, str]]) -> None:
        self.w, self.r, self.cast = world, r, cast
        self.home = r.choice(world.places)

    def slot(self, name: str) -> str:
        """One filler word or phrase for the slot `name`."""
        r = self.r
        if name[0].isupper():
            word = self.slot(name.lower())
            return word[0].upper() + word[1:]
        match name:
            case "noun": return r.choice(NOUNS)
            case "nouns": return plural(r.choice(NOUNS))
            case "adj": return r.choice(ADJECTIVES)
            case "adv": return r.choice(ADVERBS)
            case "vpast": return r.choice(VERBS_PAST)
            case "vinf": return r.choice(VERBS_INF)
            case "vpres": return r.choice(VERBS_PRES)
            case "speech": return r.choice(SPEECH)
            case "month": return r.choice(MONTHS)
            case "place": return self.home if r.random() < 0.4 else r.choice(self.w.places)
            case "person": return r.choice(self.cast)["name"]
            case "org": return r.choice(self.cast)["org"] if r.random() < 0.5 else r.choice(
                self.w.orgs)
            case "small": return str(r.randint(2, 60))
            case "year": return str(r.randint(1985, 2024))
            case "year_next": return str(r.randint(2025, 2035))
            case "pct": return f"{r.randint(1, 95)}{r.choice(['', '.5', '.2'])} per cent"
            case "num": return r.choice([str(r.randint(2, 99)), f"{r.randint(100, 9999):,}",
                                         f"{r.randint(10, 990) / 10:g} million", "dozens of"])
            case "money":
                unit = r.choice(["million", "billion"])
                return f"{r.choice('$€£')}{r.randint(2, 950)} {unit}"
            case "when": return r.choice([f"on {r.choice(['Monday', 'Tuesday', 'Friday'])}",
                                          f"in {r.choice(MONTHS)}", "last week", "last year",
                                          f"in {r.randint(1995, 2024)}"])
        raise KeyError(name)

    def fill(self, template: str) -> str:
        """Replace every `{slot}` and fix 'a' before a vowel; capitalise the first letter."""
        parts = template.split("{")
        out = [parts[0]]
        for part in parts[1:]:
            name, rest = part.split("}", 1)
            out.append(self.slot(name) + rest)
        s = "".join(out)
        for v in "aeio":
            s = s.replace(f" a {v}", f" an {v}")
        return s[0].upper() + s[1:]

    def sentence(self) -> str:
        """A sentence, now and then with *emphasis*, **bold** or a link."""
        s = self.fill(self.r.choice(SENTENCES))
        k = self.r.random()
        words = s.split(" ")
        if k < 0.12 and len(words) > 6:
            i = self.r.randrange(1, len(words) - 3)
            mark = "**" if k < 0.07 else "*"
            words[i] = mark + words[i]
            words[i + 1] = words[i + 1].rstrip(".,") + mark + words[i + 1][
                len(words[i + 1].rstrip(".,")):]
            return " ".join(words)
        if k < 0.20:
            org = self.r.choice(self.w.orgs)
            url = f"https://{slug(org)[:24].strip('-')}.example.org/{self.r.randint(1000, 99999)}"
            return f"{s[:-1]}, according to [{self.r.choice(LINK_TEXT)}]({url})."
        return s

    def body(self) -> str:
        """About 600 words in 6-10 blocks: paragraphs, one blockquote, one list, maybe a ##."""
        r = self.r
        n = r.randint(6, 10)
        quote_at, list_at = r.sample(range(1, n), 2)
        head_at = r.randrange(2, n) if r.random() < 0.4 else -1
        blocks: list[str] = []
        words = 0
        for p in range(n):
            if p == head_at:
                blocks.append("## " + r.choice(SUBHEADS))
            if p == quote_at:
                who = r.choice(self.cast)
                text = self.fill(r.choice(QUOTES))
                blocks.append(f"> {text}\n>\n> — {who['name']}, {who['role']}")
                words += len(text.split()) + 4
            elif p == list_at:
                items = [self.fill(r.choice(["{adj} {nouns} for {place}", "a {money} {noun}",
                                             "{num} new {nouns}", "a review of the {noun}"]))
                         for _ in range(r.randint(3, 5))]
                intro = self.fill(r.choice(["The {noun} includes:", "Key elements of the {noun}:"]))
                blocks.append(intro + "\n\n" + "\n".join("- " + i for i in items))
                words += len(intro.split()) + sum(len(i.split()) for i in items)
            else:
                left = n - p - sum(1 for b in (quote_at, list_at) if b > p)
                goal = max(30.0, (600 - words) / left) * r.uniform(0.8, 1.2)
                sents: list[str] = []
                while sum(len(s.split()) for s in sents) < goal:
                    sents.append(self.sentence())
                blocks.append(" ".join(sents))
                words += sum(len(s.split()) for s in sents)
        return "\n\n".join(blocks) + "\n"


def s(text: str) -> str:
    """A YAML double-quoted scalar; a JSON string is one, and it never needs YAML escaping rules."""
    return json.dumps(text, ensure_ascii=False)


def flow(d: dict[str, object]) -> str:
    """A one-line YAML mapping; values are pre-rendered scalars."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"


def briefing(world: World, seed: int, i: int, titles: set[str]) -> str:
    """The full text of briefing i: YAML front matter and Markdown body."""
    r = random.Random(f"briefing:{seed}:{i}")
    date = dt.date(2015, 1, 1) + dt.timedelta(days=r.randrange(3653))
    n_people = r.randint(2, 6)
    cast: list[dict[str, str]] = []
    while len(cast) < n_people:
        p = r.choices(world.people, world.weights)[0]
        if p not in cast:
            cast.append(p)
    w = Writer(world, r, cast)
    title = w.fill(r.choice(TITLES))
    while title in titles:  # unique titles, in case the generator slugs them
        title = w.fill(r.choice(TITLES))
    titles.add(title)
    summary = " ".join(w.fill(r.choice(SENTENCES)) for _ in range(r.randint(1, 2)))
    facts = [w.fill(r.choice(FACTS)) for _ in range(r.randint(3, 6))]
    quotes = [flow({"text": s(w.fill(r.choice(QUOTES))), "by": s(r.choice(cast)["name"])})
              for _ in range(r.randint(1, 4))]
    span = (date - dt.date(1990, 1, 1)).days
    timeline = []
    for day in sorted(r.randrange(span) for _ in range(r.randint(3, 8))):
        d = dt.date(1990, 1, 1) + dt.timedelta(days=day)
        k = r.random()
        when = str(d.year) if k < 0.25 else s(f"{d:%Y-%m}") if k < 0.55 else d.isoformat()
        timeline.append(flow({"date": when, "event": s(w.fill(r.choice(EVENTS)))}))
    sources = []
    for _ in range(r.randint(1, 3)):
        org = r.choice(cast)["org"] if r.random() < 0.5 else r.choice(world.orgs)
        url = (f"https://{slug(org)[:30].strip('-')}.example.org/{date.year}/"
               f"{r.randint(100, 99999)}/{r.choice(NOUNS)}")
        sources.append(flow({"title": s(f"{org}: {w.fill('{adj} {noun} {vpast}')}"),
                             "url": s(url)}))
    people = [flow({k: s(v) for k, v in p.items()}) for p in cast]
    front = [
        f"title: {s(title)}",
        f"date: {date.isoformat()}",
        f"author: {s(r.choice(world.authors))}",
        f"section: {s(r.choice(SECTIONS))}",
        f"tags: [{', '.join(r.sample(TAGS, r.randint(2, 5)))}]",
        f"summary: {s(summary)}",
        f"key_facts: [{', '.join(s(f) for f in facts)}]",
        f"people: [{', '.join(people)}]",
        f"quotes: [{', '.join(quotes)}]",
        f"timeline: [{', '.join(timeline)}]",
        f"sources: [{', '.join(sources)}]",
    ]
    return "---\n" + "\n".join(front) + "\n---\n\n" + w.body()


def write_corpus(n: int, out: Path, seed: int = 1) -> int:
    """Write the site root into `out` and return the bytes of content written."""
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text("title: Bench briefings\n", encoding="utf-8")
    world = World(seed)
    titles: set[str] = set()
    width = max(5, len(str(n)))
    total = 0
    for i in range(1, n + 1):
        data = briefing(world, seed, i, titles).encode("utf-8")
        (content / f"briefing-{i:0{width}d}.md").write_bytes(data)
        total += len(data)
    (out / STAMP).write_text(stamp(n, seed), encoding="utf-8")
    return total


def stamp(n: int, seed: int) -> str:
    """What a corpus made by this version for (n, seed) records, for reuse checks."""
    return f"make_corpus version={VERSION} n={n} seed={seed}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of briefings")
    ap.add_argument("outdir", type=Path, help="site root to write")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    total = write_corpus(a.n, a.outdir, a.seed)
    print(f"wrote {a.n} briefings ({total / 1e6:.1f} MB) to {a.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
