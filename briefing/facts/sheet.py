"""The facts of an article as a reader sees them: grouped text, or JSON with ISO dates."""

from __future__ import annotations

import dataclasses
import json

from briefing.models import Facts


def to_dict(facts: Facts) -> dict:
    """Plain data: names, roles, dates as ISO strings; the article reduced to its source."""
    data = dataclasses.asdict(facts)
    article = data.pop("article")
    data = {
        "source": article["source"],
        "title": article["title"],
        "published": article["published"].isoformat() if article["published"] else None,
        **data,
    }
    data["reference_date"] = facts.reference_date.isoformat() if facts.reference_date else None
    for person, original in zip(data["people"], facts.people):
        person["role"] = original.role
    return data


def to_json(facts: Facts) -> str:
    return json.dumps(to_dict(facts), ensure_ascii=False, indent=2)


def to_text(facts: Facts) -> str:
    lines = [facts.headline, ""]
    if facts.dated_by_run:
        lines.append(f"Dates resolved against {facts.reference_date.isoformat()}, the run's date: the article has no publication date.")
    else:
        lines.append(f"Published {facts.reference_date.isoformat()}.")
    lines += ["", "Lead:", f"  {facts.lead}", "", "Summary:"]
    lines += [f"  - {sentence}" for sentence in facts.summary]
    _group(lines, "People", [_person(p) for p in facts.people])
    _group(lines, "Places", [_entity(e) for e in facts.places])
    _group(lines, "Organisations", [_entity(e) for e in facts.organisations])
    _group(lines, "Dates", [f"{d.text} → {d.iso}" for d in facts.dates])
    _group(lines, "Figures", [f.text for f in facts.figures])
    _group(lines, "Quotes", [f"« {q.text} » — {q.speaker or 'speaker not named'}" for q in facts.quotes])
    _group(lines, "Attribution", [f"{a.source} ({a.text})" for a in facts.attribution])
    return "\n".join(lines)


def _group(lines: list[str], title: str, items: list[str]) -> None:
    lines += ["", f"{title}:"]
    lines += [f"  - {item}" for item in items] or ["  (none)"]


def _person(person) -> str:
    text = person.name + (f", {person.role}" if person.role else "")
    return text + (f" (also: {', '.join(person.aliases)})" if person.aliases else "")


def _entity(entity) -> str:
    return entity.name + (f" (also: {', '.join(entity.aliases)})" if entity.aliases else "")
