"""What a story says: whose words its quotes are, its figures, and nothing said twice.

    .venv/bin/python bench/stories.py

On the development set (tests/data/eval/orangesum-dev500.jsonl) and the labels
written by reading its articles (tests/data/labels, see the README there):

- quotes: attribution precision (quotes given a speaker whose speaker is right)
  and recall (labelled quotes with a speaker found with it), on the held-out part
  (never tuned on) and on the tuning part;
- figures: of the figure sentences stories say, and of every sentence a figure
  could be said in, the share that state what the figure counts, against the
  figures labelled one by one and against the figure sentences judged whole
  (lines 1-400 tuned on, 441-482 held out);
- repetition: over every dev-set article, told alone and in briefings of five,
  the story lines that say again 60 % of the headline or of an earlier line
  (``repetition.repeats``), and the lines with doubled punctuation.

Prints numbers; never fails a build.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import machine  # noqa: E402

import evaluation

from briefing.facts import extract as facts

from briefing.script import repetition

from briefing.script import render as script

from briefing.french import sentences  # noqa: E402
from briefing.config import Settings  # noqa: E402

LABELS = REPO / "tests" / "data" / "labels"
TODAY = dt.date(2026, 11, 24)


def main() -> int:
    print(f"machine: {machine.describe()}")
    started = time.perf_counter()
    dev = evaluation.load_dev(REPO / "tests" / "data" / "eval" / "orangesum-dev500.jsonl")
    told = {item.name: facts.extract(item.article, today=TODAY) for item in dev}
    print(f"facts of {len(told)} dev-set articles in {time.perf_counter() - started:.0f} s\n")

    print("quotes: attribution (right speaker / quotes given one; found with it / labelled with one)")
    for part in ("heldout", "tuning"):
        labels = tomllib.loads((LABELS / f"quotes-{part}.toml").read_text(encoding="utf-8"))
        score = evaluation.QuoteScore(0, 0, 0, 0)
        quotes = 0
        for entry in labels["article"]:
            score += evaluation.score_quotes(told[entry["id"]].quotes, entry["quotes"], entry.get("people", ()))[0]
            quotes += len(entry["quotes"])
        print(f"  {part:<8} {len(labels['article'])} articles, {quotes} quotes labelled: precision {score.precision:.3f} "
              f"({score.right}/{score.attributed}), recall {score.recall:.3f} ({score.found_right}/{score.labelled})")

    print("\nfigures: sentences that state what their figure counts")
    for part in ("heldout", "tuning"):
        labels = tomllib.loads((LABELS / f"figures-{part}.toml").read_text(encoding="utf-8"))
        candidates, spoken, labelled = [], [], 0
        for entry in labels["article"]:
            found = told[entry["id"]]
            candidates += evaluation.check_figures(found.figures, entry["figures"])
            check = evaluation.figure_said(found.figures, script.key_facts(found, script.told(found))["figure"], entry["figures"])
            spoken += [check] if check else []
            labelled += len(entry["figures"])
        print(f"  {part:<8} {len(labels['article'])} articles, {labelled} figures labelled: said by stories "
              f"{_share(spoken)}; every sentence a figure may be said in {_share(candidates)}")

    print("\nfigures: sentences judged by reading them (figures-spoken.toml)")
    judged = tomllib.loads((LABELS / "figures-spoken.toml").read_text(encoding="utf-8"))
    by_line = dict(enumerate(told.values(), start=1))
    for part, lines in (("tuning", range(1, 401)), ("heldout", range(441, 483))):
        known = {(j["line"], j["sentence"]): j["stated"] for j in judged[part]}
        said, candidates, unjudged = [], [], 0
        for line in lines:
            found = by_line[line]
            spoken = script.key_facts(found, script.told(found))["figure"]
            for sentence in dict.fromkeys(f.sentence for f in found.figures if f.sentence):
                if (line, sentence) not in known:
                    unjudged += part == "heldout" or sentence == spoken
                    continue
                candidates.append(known[line, sentence])
                said += [known[line, sentence]] if sentence == spoken else []
        every = f"; every sentence a figure may be said in {_count(candidates)}" if part == "heldout" else ""
        print(f"  {part:<8} lines {lines.start}-{lines.stop - 1}: said by stories {_count(said)}{every}"
              f"{f'; {unjudged} not judged yet' if unjudged else ''}")

    settings = Settings(now=dt.datetime(2026, 11, 24, 8, 0), output=REPO / "out", cache_dir=REPO / ".cache", cache=False)
    stories = list(told.values())
    lines = repeats = doubled = bare = 0
    for group in [[s] for s in stories] + [stories[i : i + 5] for i in range(0, len(stories), 5)]:
        rendered = script.render(group, settings)
        for segment in rendered.segments:
            for line in segment.lines:
                doubled += any(script.tidy_punctuation(t) != t for t in (line.text, line.spoken))
                bare += line.text.startswith("Le chiffre à retenir")
        for segment, story in zip(rendered.segments[1:-1], group):
            said = [line.text for line in segment.lines][1:]
            headline = sentences.split(script.tidy_punctuation(" ".join(f"{story.headline}.".split())))
            if said[: len(headline)] == headline:
                said = said[len(headline) :]
            lines += len(said)
            repeats += sum(repetition.repeats(line, [story.headline, *said[:i]]) for i, line in enumerate(said))
    print(f"\nrepetition: {len(stories)} stories told alone and in {len(stories) // 5} briefings of five: "
          f"{lines} story lines, {repeats} say again the headline or an earlier line; "
          f"{doubled} lines with doubled punctuation; {bare} bare figures")
    return 0


def _count(stated: list[bool]) -> str:
    return f"{sum(stated) / len(stated):.3f} ({sum(stated)}/{len(stated)})" if stated else "none"


def _share(checks) -> str:
    if not checks:
        return "none"
    stated = sum(c.stated for c in checks)
    return f"{stated / len(checks):.3f} ({stated}/{len(checks)})"


if __name__ == "__main__":
    sys.exit(main())
