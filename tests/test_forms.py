from pathlib import Path

import pytest

from guestcard.domain.model import CORE_FIELDS
from guestcard.forms import FieldType, FormError, FormLibrary, check_form_file, load_library, parse_value
from guestcard.forms.values import format_value
from guestcard.paths import shipped_dir

SHIPPED = ("guest_history", "customer_data", "prospect", "corporate", "deep_profile")


def test_every_shipped_form_loads_in_card_order(library: FormLibrary) -> None:
    assert tuple(library.forms) == SHIPPED
    assert set(library.core) == set(CORE_FIELDS)


@pytest.mark.parametrize("form_id", SHIPPED)
def test_every_label_is_bilingual(library: FormLibrary, form_id: str) -> None:
    form = library.form(form_id)
    assert form.title.zh and form.title.en and form.title.zh != form.title.en
    for section in form.sections:
        assert section.title.zh and section.title.en
        for spec in section.fields:
            assert spec.label.zh.strip() and spec.label.en.strip(), spec.key
            assert spec.span <= section.columns
            for choice in spec.choices:
                assert choice.label.zh and choice.label.en


def test_deep_profile_has_61_questions_and_confidential_items(library: FormLibrary) -> None:
    form = library.form("deep_profile")
    assert form.field_count == 61
    confidential = [f for f in form.fields() if f.confidential]
    assert any("机密" in f.label.zh for f in confidential)


def test_guest_history_has_the_restaurant_fields(library: FormLibrary) -> None:
    keys = {f.key for f in library.form("guest_history").fields()}
    assert {
        "name",
        "honorific",
        "gender",
        "phone",
        "other_phones",
        "birthday",
        "anniversary",
        "anniversary_note",
        "company",
        "position",
        "class",
        "preferred_seat",
        "favorite_dishes",
        "favorite_drinks",
        "allergies",
        "special_preferences",
        "family_members",
        "notes",
    } <= keys


def test_prospect_source_is_a_checkbox_set(library: FormLibrary) -> None:
    kinds = {f.type for f in library.form("prospect").fields()}
    assert FieldType.MULTICHOICE in kinds and FieldType.CHOICE in kinds


def test_aliases_name_one_field_each(library: FormLibrary) -> None:
    owner: dict[str, str] = {}
    for key, spec in library.fields.items():
        for alias in spec.aliases:
            assert owner.setdefault(alias, key) == key, f"alias {alias!r} used by {owner[alias]} and {key}"
    assert owner["客户姓名"] == "name" and owner["联系电话"] == "phone" and owner["忌口"] == "allergies"


GOOD_FORM = """
id = "wine_club"
title = { zh = "酒友会", en = "Wine club" }
[[sections]]
id = "main"
title = { zh = "基本", en = "Main" }
[[sections.fields]]
key = "name"
[[sections.fields]]
key = "cellar"
type = "multichoice"
label = { zh = "藏酒", en = "Cellar" }
choices = [{ value = "red", zh = "红酒", en = "Red" }, { value = "baijiu", zh = "白酒", en = "Baijiu" }]
"""


def test_user_form_folder_adds_forms(tmp_path: Path) -> None:
    (tmp_path / "wine.toml").write_text(GOOD_FORM, encoding="utf-8")
    library = load_library(shipped_dir("forms"), [tmp_path])
    assert library.form("wine_club").field("cellar").type is FieldType.MULTICHOICE
    assert list(library.forms)[-1] == "wine_club"


@pytest.mark.parametrize(
    ("replace", "where", "problem"),
    [
        (('type = "multichoice"', 'type = "txt"'), "sections[0].fields[1].type", "'txt' is not a field type"),
        (('label = { zh = "藏酒", en = "Cellar" }', ""), "sections[0].fields[1].label", "is missing"),
        (
            ('label = { zh = "藏酒", en = "Cellar" }', 'label = { zh = "藏酒" }'),
            "sections[0].fields[1].label.en",
            "is missing",
        ),
        (('key = "cellar"', 'key = "Cellar!"'), "sections[0].fields[1].key", "lower-case"),
        (('key = "cellar"', 'key = "name"'), "sections[0].fields[1].choices", "core field"),
        (('id = "main"', 'id = "main"\ncolumns = 9'), "sections[0].columns", "from 1 to 6"),
        (('key = "cellar"', 'key = "cellar"\nspan = 3'), "sections[0].fields[1].span", "wider"),
        (
            (
                GOOD_FORM.split("\n")[-2],
                "choices = []",
            ),
            "sections[0].fields[1].choices",
            "at least one choice",
        ),
        (
            ('[[sections.fields]]\nkey = "name"', '[[sections.fields]]\nkey = "name"\nlabel = { zh = "名", en = "N" }'),
            "sections[0].fields[0].label",
            "core field",
        ),
        (('id = "wine_club"', 'id = "wine_club"\ncolour = "red"'), "colour", "not a form setting"),
        (('key = "cellar"', 'key = "cellar"\nrequired = "yes"'), "sections[0].fields[1].required", "true or false"),
        (('key = "cellar"', 'key = "allergies_list"\n'), "", ""),  # valid: a sanity check of the harness
    ],
)
def test_broken_form_files_name_file_key_and_fault(
    tmp_path: Path, library: FormLibrary, replace: tuple[str, str], where: str, problem: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(GOOD_FORM.replace(*replace, 1), encoding="utf-8")
    assert GOOD_FORM.replace(*replace, 1) != GOOD_FORM
    if not where:
        assert check_form_file(path, library).id == "wine_club"
        return
    with pytest.raises(FormError) as caught:
        check_form_file(path, library)
    message = str(caught.value)
    assert message.startswith(str(path) + ": ")
    assert f": {where}: " in message
    assert problem in message


def test_invalid_toml_and_type_clash_are_reported(tmp_path: Path, library: FormLibrary) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("id = ", encoding="utf-8")
    with pytest.raises(FormError, match=r"bad\.toml: not valid TOML"):
        check_form_file(bad, library)
    clash = tmp_path / "clash.toml"
    clash.write_text(GOOD_FORM.replace('key = "cellar"', 'key = "preferred_seat"'), encoding="utf-8")
    with pytest.raises(FormError, match=r"field 'preferred_seat': is a multichoice here but a text in .*guest_history"):
        check_form_file(clash, library)


def test_a_broken_user_form_stops_loading_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('id = "x"\n', encoding="utf-8")
    with pytest.raises(FormError, match=r"mine\.toml: sections: is missing"):
        load_library(shipped_dir("forms"), [tmp_path])


def test_parse_and_format_values_by_type(library: FormLibrary) -> None:
    birthday = library.field("birthday")
    assert parse_value(birthday, "3月2日").iso() == "--03-02"
    assert format_value(birthday, parse_value(birthday, "1985-03-02"), "zh") == "1985年3月2日"
    assert format_value(birthday, parse_value(birthday, "3月2日"), "en") == "2 Mar"
    klass = library.field("class")
    assert parse_value(klass, "VIP") == "A" and parse_value(klass, "C类") == "C"
    assert format_value(klass, "A", "en") == "A (VIP)"
    assert parse_value(library.field("gender"), "女") == "female"
    assert parse_value(library.field("annual_spend"), "1.28万") == 12800
    trade = library.field("trade")
    assert trade.type is FieldType.MULTICHOICE
    first, second = trade.choices[0], trade.choices[1]
    assert parse_value(trade, f"{first.label.zh}、{second.label.en}") == [first.value, second.value]
    assert parse_value(library.field("name"), "  ") is None
    with pytest.raises(ValueError):
        parse_value(library.field("email"), "not-an-email")
    with pytest.raises(ValueError):
        parse_value(klass, "Z")


def test_a_form_names_its_blank_tables_and_an_unknown_one_is_refused(tmp_path: Path, library: FormLibrary) -> None:
    assert library.form("customer_data").blank_tables == ()
    assert library.form("prospect").blank_tables == ("contacts",)
    assert library.form("guest_history").blank_tables == ("visits", "contacts")
    path = tmp_path / "tables.toml"
    path.write_text('blank_tables = ["menus"]\n' + GOOD_FORM, encoding="utf-8")
    with pytest.raises(FormError, match=r"blank_tables: 'menus' is not a table"):
        check_form_file(path, library)
