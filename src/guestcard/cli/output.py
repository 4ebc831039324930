"""What the command line prints: the JSON contract and readable text tables."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from guestcard.domain.model import Contact, Customer, Relation, Visit
from guestcard.domain.values import format_phone
from guestcard.forms import FormLibrary, format_value, to_json


def customer_json(customer: Customer, library: FormLibrary) -> dict[str, Any]:
    """The JSON object of the CLI contract: core keys, then ``fields``, ``extra`` and ``raw``."""
    data: dict[str, Any] = {"id": customer.id}
    for key, spec in library.core.items():
        data[key] = to_json(spec, customer.get(key))
    data["tags"] = list(customer.tags)
    data["fields"] = dict(customer.fields)
    data["extra"] = dict(customer.extra)
    data["raw"] = dict(customer.raw)
    data["version"] = customer.version
    return data


def visit_json(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.id,
        "customer_id": visit.customer_id,
        "at": visit.at.isoformat(timespec="minutes"),
        "party_size": visit.party_size,
        "room": visit.room,
        "occasion": visit.occasion,
        "spend": None if visit.spend is None else float(visit.spend) if visit.spend % 1 else int(visit.spend),
        "dishes": visit.dishes,
        "notes": visit.notes,
    }


def contact_json(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "customer_id": contact.customer_id,
        "date": contact.date.isoformat(),
        "channel": contact.channel,
        "key_points": contact.key_points,
        "intent": contact.intent,
        "next_follow_up": contact.next_follow_up.isoformat() if contact.next_follow_up else None,
        "follow_up_done": contact.follow_up_done,
    }


def relation_json(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "other_id": relation.other_id,
        "other_name": relation.other_name,
        "kind": relation.kind,
        "inverse": relation.inverse,
        "note": relation.note,
    }


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    print("  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())


def customer_rows(customers: Sequence[Customer]) -> list[list[str]]:
    return [
        [str(c.id), c.name, c.honorific or "", c.customer_class or "", format_phone(c.phone or ""), c.company or ""]
        for c in customers
    ]


CUSTOMER_HEADERS = ("id", "姓名 name", "尊称", "类", "手机 phone", "单位 company")


def print_customer(customer: Customer, library: FormLibrary, lang: str = "zh") -> None:
    """Every filled field, with its label, grouped by the form that first shows it."""
    shown: set[str] = set()
    print(f"#{customer.id}  {customer.display_name}")
    for form in library.forms.values():
        if not form.applies_to(customer.kind):
            continue
        lines = []
        for spec in form.fields():
            if spec.key in shown:
                continue
            text = format_value(spec, customer.get(spec.key), lang)
            if text:
                shown.add(spec.key)
                lines.append((spec.label.text(lang), text))
        if lines:
            print(f"\n[{form.title.text(lang)}]")
            label_width = max(width(label) for label, _ in lines)
            for label, text in lines:
                print(f"  {pad(label, label_width)}  {text.replace(chr(10), chr(10) + ' ' * (label_width + 4))}")
    if customer.tags:
        print(f"\n标签 tags: {', '.join(customer.tags)}")
    for title, mapping in (("其他列 extra", customer.extra), ("未识别 not understood", customer.raw)):
        if mapping:
            print(f"\n[{title}]")
            for key, value in mapping.items():
                print(f"  {key}: {value}")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def progress_line(text: str) -> None:
    """A one-line progress display, only on a terminal (never in pipes or logs)."""
    if sys.stderr.isatty():
        sys.stderr.write("\r" + text + "\033[K")
        sys.stderr.flush()


def end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
