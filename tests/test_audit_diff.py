"""The audit trail's ``diff`` answers exactly as comparing the two cards' ``field_values`` does
(issue 20: the fast path must never cost a change, its order or its JSON value)."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from guestcard.domain import Customer, PartialDate
from guestcard.storage.audit import diff, field_values


def _reference(before: Customer, after: Customer) -> list[tuple[str, Any, Any]]:
    old, new = field_values(before), field_values(after)
    changes = []
    for key in dict.fromkeys((*old, *new)):
        a, b = old.get(key), new.get(key)
        a = None if a in ("", [], ()) else a
        b = None if b in ("", [], ()) else b
        if a != b:
            changes.append((key, a, b))
    return changes


_CHOICES: dict[str, list[Any]] = {
    "name": ["王建国", "李娜", ""],
    "kind": ["individual", "corporate"],
    "phone": [None, "", "13800000000", "13900000000"],
    "company": [None, "", "远航物流", "华润置地"],
    "customer_class": [None, "A", "B"],
    "birthday": [None, PartialDate(3, 2), PartialDate(3, 2, 1985), PartialDate.about_year(1978)],
    "anniversary": [None, PartialDate(5, 1, 2010)],
    "annual_spend": [None, Decimal("12800"), Decimal("12800.00"), Decimal("0")],
    "notes": [None, "", "不吃辣"],
    "tags": [(), ("熟客",), ("熟客", "VIP")],
}
_FIELDS: list[dict[str, Any]] = [{}, {"age": 48}, {"age": 48, "other_phones": ""}, {"preferred_seat": ["靠窗"]},
                                 {"preferred_seat": []}, {"class": "A"}]  # the last: named as an attribute
_EXTRA: list[dict[str, str]] = [{}, {"客户来源": "微信"}, {"客户来源": "美团", "备注2": "x"}]
_RAW: list[dict[str, str]] = [{}, {"birthday": "2月30日"}]


def _card(rng: random.Random) -> Customer:
    values = {key: rng.choice(options) for key, options in _CHOICES.items()}
    return Customer(**values, fields=dict(rng.choice(_FIELDS)), extra=dict(rng.choice(_EXTRA)),
                    raw=dict(rng.choice(_RAW)), id=rng.randint(1, 9), version=rng.randint(0, 3))


def test_diff_is_the_field_values_comparison() -> None:
    rng = random.Random(20)
    for _ in range(5000):
        before = _card(rng)
        if rng.random() < 0.5:  # as an import merges: most attributes the very same objects
            changed = {key: rng.choice(_CHOICES[key]) for key in rng.sample(sorted(_CHOICES), rng.randint(0, 3))}
            after = replace(before, **changed, fields={**before.fields, **rng.choice(_FIELDS)})
        else:
            after = _card(rng)
        assert diff(before, after) == _reference(before, after), (before, after)
        assert diff(before, before) == []
