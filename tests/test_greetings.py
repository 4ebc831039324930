"""Greeting texts (issue 17): templates as data, filled from the card, logged so nobody is greeted
twice; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guestcard.cli.main import main
from guestcard.domain import Customer, Visit
from guestcard.domain.values import parse_partial_date
from guestcard.forms.greetings import PLACEHOLDERS, TemplateError, fill, load_templates, save_template
from guestcard.paths import shipped_dir
from guestcard.services import customers
from guestcard.services import greetings as service
from guestcard.storage import Database

TODAY = dt.date(2026, 9, 20)


def test_the_shipped_templates_cover_every_occasion_in_both_languages() -> None:
    texts = load_templates(shipped_dir("forms") / "greetings")
    for occasion in ("birthday", "lunar_birthday", "anniversary", "festival", "miss_you", "thank_you"):
        assert texts[occasion].zh and texts[occasion].en, occasion
        assert texts[occasion].zh != texts[occasion].en


def test_fill_leaves_out_an_optional_part_whose_placeholder_is_empty() -> None:
    text = "{称呼}，好久不见！[您爱吃的{菜}还在，]欢迎光临{hotel}。"
    assert fill(text, {"salutation": "王总", "dish": "佛跳墙", "hotel": "丽晶"}) == \
        "王总，好久不见！您爱吃的佛跳墙还在，欢迎光临丽晶。"
    assert fill(text, {"salutation": "王总", "hotel": "丽晶"}) == "王总，好久不见！欢迎光临丽晶。"


@given(st.dictionaries(st.sampled_from(sorted(set(PLACEHOLDERS.values()))),
                       st.text(alphabet=st.characters(blacklist_characters="{}[]"), max_size=8)))
def test_fill_never_leaves_a_brace_or_bracket_behind(values: dict[str, str]) -> None:
    for template in load_templates(shipped_dir("forms") / "greetings").values():
        for lang in ("zh", "en"):
            text = fill(template.text(lang), values)
            assert not set("{}[]") & set(text)


def test_an_unknown_placeholder_is_refused_when_saved_and_when_loaded(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"unknown placeholder \{爱好\}"):
        save_template(tmp_path, "birthday", "zh", "{称呼}生日快乐，{爱好}")
    assert not (tmp_path / "greetings.toml").exists()  # nothing written
    with pytest.raises(TemplateError, match="not an occasion"):
        save_template(tmp_path, "easter", "zh", "复活节快乐")
    (tmp_path / "mine.toml").write_text('[birthday]\nzh = "{称呼}，{年纪}岁生日快乐"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"mine.toml: \[birthday\] zh: unknown placeholder \{年纪\}"):
        load_templates(tmp_path)


def test_a_saved_text_replaces_one_language_and_keeps_the_other(tmp_path: Path) -> None:
    shipped = shipped_dir("forms") / "greetings"
    save_template(tmp_path, "birthday", "zh", "{称呼}，生日快乐！")
    texts = load_templates(shipped, tmp_path)
    assert texts["birthday"].zh == "{称呼}，生日快乐！"
    assert texts["birthday"].en == load_templates(shipped)["birthday"].en
    save_template(tmp_path, "festival.mid_autumn", "en", 'Happy "moon" festival, {salutation}')
    assert load_templates(shipped, tmp_path)["festival.mid_autumn"].en == 'Happy "moon" festival, {salutation}'


def _guest(db: Database, name: str, **values: object) -> Customer:
    return customers.create_customer(db, Customer(name=name, **values))  # type: ignore[arg-type]


def test_who_is_greeted_and_with_what(db: Database) -> None:
    wang = _guest(db, "王建国", honorific="王总", birthday=parse_partial_date("1970-09-21"),
                  favorite_dishes="佛跳墙、龙虾", customer_class="A")
    li = _guest(db, "李娜", gender="female", birthday=parse_partial_date("农历八月十五"))
    host = _guest(db, "欧阳明", gender="male")
    customers.add_visit(db, Visit(customer_id=host.id, at=dt.datetime(2026, 9, 19, 18, 0), party_size=12,
                                  occasion="寿宴"))
    found = service.greetings(db, 7, TODAY, hotel="丽晶")
    by = {(g.customer.id, g.occasion): g for g in found}
    birthday = by[(wang.id, "birthday")]
    assert birthday.date == dt.date(2026, 9, 21) and birthday.text.startswith("王总，")
    lunar = by[(li.id, "lunar_birthday")]  # 八月十五 is 25 September in 2026
    assert lunar.date == dt.date(2026, 9, 25) and lunar.text.startswith("李女士，") and lunar.label == "农历生日"
    assert by[(host.id, "thank_you")].text.startswith("欧阳先生，")  # a compound surname
    assert (wang.id, "festival.mid_autumn") in by  # class A is greeted at 中秋 by default
    assert "中秋" in by[(wang.id, "festival.mid_autumn")].label
    english = service.greetings(db, 7, TODAY, lang="en", occasion="thank_you")
    assert [g.text.split(",")[0] for g in english] == ["Dear Mr. 欧阳"]


def test_a_greeting_logged_as_sent_is_not_proposed_again(db: Database) -> None:
    wang = _guest(db, "王建国", birthday=parse_partial_date("--09-20"))
    (greeting,) = service.greetings(db, 0, TODAY, occasion="birthday")
    assert service.mark_sent(db, [greeting], "短信", today=TODAY) == 1
    assert service.greetings(db, 0, TODAY, occasion="birthday") == []
    (again,) = service.greetings(db, 0, TODAY, occasion="birthday", include_sent=True)
    assert again.sent
    assert service.mark_sent(db, [again], today=TODAY) == 0  # not logged twice
    (contact,) = _contacts(db, wang.id)
    assert contact.channel == "短信" and contact.key_points.startswith("已发祝福：生日（2026-09-20）")
    assert greeting.text in contact.key_points
    # Next year's birthday is another occasion.
    assert service.greetings(db, 0, TODAY.replace(year=2027), occasion="birthday")


def _contacts(db: Database, customer_id: int | None) -> list:
    from guestcard.storage import history

    with db.session() as session:
        return history.contacts_of(session, customer_id)


def test_the_command_lists_logs_and_refuses_a_bad_template(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    today = dt.date.today()
    assert main([*db_args, "add", "--name", "王建国", "--honorific", "王总", "--birthday", f"{today:%m-%d}"]) == 0
    capsys.readouterr()
    assert main([*db_args, "greetings", "--days", "0", "--occasion", "birthday", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["greetings"]
    assert item["text"].startswith("王总，") and not item["sent"]
    assert main([*db_args, "greetings", "--days", "0", "--log"]) == 0
    assert "已记录 1 条祝福（微信）" in capsys.readouterr().out
    assert main([*db_args, "greetings", "--days", "0", "--occasion", "birthday"]) == 0
    assert "没有要发送的祝福" in capsys.readouterr().out
    assert main([*db_args, "greetings", "set", "birthday", "{称呼}{星座}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown placeholder {星座}" in err
