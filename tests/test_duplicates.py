"""Finding duplicate cards: each rule, the ranking, groups, "not the same guest", the command."""

from __future__ import annotations

import json

import pytest

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.domain.values import PartialDate
from guestcard.services import customers
from guestcard.services.duplicates import find_duplicates, import_match, mark_not_duplicate, scan
from guestcard.storage import Database, NotFound
from guestcard.storage.duplicates import CardKeys


def _pair_of(report, first: int, second: int):
    return next((p for p in report.pairs if {p.first, p.second} == {first, second}), None)


def _add(db: Database, **values) -> int:
    created = customers.create_customer(db, Customer(**values))
    assert created.id is not None
    return created.id


def test_every_rule_finds_its_pair_and_says_why(db: Database) -> None:
    phone = _add(db, name="王建国", phone="13812345678")
    phone_twin = _add(db, name="王先生", fields={"other_phones": "+86 138-1234-5678"})
    email = _add(db, name="Alice Chen", email="alice@example.com")
    email_twin = _add(db, name="陈爱丽", email=" Alice@Example.com ")
    company = _add(db, name="刘德华", company="招商银行")
    company_twin = _add(db, name="刘德华", company="招商银行", phone="13900000000")
    birthday = _add(db, name="赵敏", birthday=PartialDate(3, 2, 1985))
    birthday_twin = _add(db, name="赵明月", birthday=PartialDate(3, 2, 1985))
    pinyin = _add(db, name="李建国")
    pinyin_twin = _add(db, name="李建囯")
    script = _add(db, name="張偉傑")
    script_twin = _add(db, name="张伟杰")
    _add(db, name="孙丽", birthday=PartialDate(3, 2))  # no year: a birthday shared by many
    _add(db, name="孙黎", company="华润置地")  # 孙丽 li4 / 孙黎 li2: alike without tones, not with them

    report = find_duplicates(db)
    expected = {
        (phone, phone_twin): "phone",
        (email, email_twin): "email",
        (company, company_twin): "name_company",
        (birthday, birthday_twin): "birthday_surname",
        (pinyin, pinyin_twin): "pinyin",
        (script, script_twin): "pinyin",
    }
    for (first, second), rule in expected.items():
        pair = _pair_of(report, first, second)
        assert pair is not None, rule
        assert rule in [r.rule for r in pair.reasons]
    assert len(report.pairs) == len(expected)
    assert _pair_of(report, script, script_twin).reasons[0].value == "張偉傑 / 张伟杰"
    assert "same_name" in [r.rule for r in _pair_of(report, script, script_twin).reasons]
    # Ranked: strong rules first, each pair once and smaller id first.
    scores = [p.score for p in report.pairs]
    assert scores == sorted(scores, reverse=True)
    assert report.pairs[-1].score < report.pairs[0].score
    assert all(p.first < p.second for p in report.pairs)
    assert not _pair_of(report, birthday, birthday_twin).strong
    assert _pair_of(report, phone, phone_twin).strong
    # the command line writes the birthday as a card does, not as it is stored
    birthday_reason = next(r for r in _pair_of(report, birthday, birthday_twin).reasons if r.rule == "birthday_surname")
    assert birthday_reason.describe().endswith(": 1985年3月2日")


def test_a_pair_marked_different_is_never_proposed_again(db: Database) -> None:
    first = _add(db, name="王芳", phone="13800000001")
    second = _add(db, name="王芳", phone="13800000001", company="万科集团")
    third = _add(db, name="王芳芳", phone="138 0000 0001")
    assert len(find_duplicates(db).pairs) == 3
    assert find_duplicates(db).groups == [(first, second, third)]
    mark_not_duplicate(db, second, first)
    mark_not_duplicate(db, first, second)  # twice is fine
    left = find_duplicates(db)
    assert {(p.first, p.second) for p in left.pairs} == {(first, third), (second, third)}
    with pytest.raises(NotFound):
        mark_not_duplicate(db, first, 999)


def test_a_switchboard_number_shared_by_many_cards_is_no_evidence() -> None:
    cards = [CardKeys(i, f"客人{i}", None, None, None, "02512345678") for i in range(1, 40)]
    assert scan(cards).pairs == []
    assert len(scan(cards[:3]).pairs) == 3


def test_min_score_leaves_out_the_weak_pairs(db: Database) -> None:
    _add(db, name="赵敏", birthday=PartialDate(3, 2, 1985))
    _add(db, name="赵明月", birthday=PartialDate(3, 2, 1985))
    _add(db, name="钱多多", phone="13700000000")
    _add(db, name="钱多多", phone="13700000000")
    assert len(find_duplicates(db).pairs) == 2
    strong = find_duplicates(db, min_score=50).pairs
    assert len(strong) == 1 and strong[0].names == ("钱多多", "钱多多") and strong[0].score == 85


def test_import_matching_uses_the_rules_and_says_which_were_weak() -> None:
    existing = [
        CardKeys(1, "王建国", "华润置地", None, "1970-05-06", "13812345678"),
        CardKeys(2, "張偉", None, None, "1980-01-02", None),
        CardKeys(3, "李四", None, None, "1990-01-01", None),
    ]
    by_phone = import_match(Customer(name="王总", phone="+86 138 1234 5678"), existing)
    assert by_phone is not None and by_phone.customer_id == 1 and not by_phone.weak
    by_script = import_match(Customer(name="张伟", birthday=PartialDate(1, 2, 1980)), existing)
    assert by_script is not None and by_script.customer_id == 2 and by_script.weak
    assert import_match(Customer(name="李思", birthday=PartialDate(1, 1, 1990)), existing) is None
    assert import_match(Customer(name="李四"), existing) is None  # a name alone is not enough


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_duplicates_command(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    _cli(capsys, *db_args, "add", "--name", "王建国", "--phone", "13812345678")
    _cli(capsys, *db_args, "add", "--name", "王建囯", "--phone", "138-1234-5678")
    code, out, _ = _cli(capsys, *db_args, "duplicates", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["cards"] == 2
    [pair] = data["pairs"]
    assert pair["ids"] == [1, 2] and pair["strong"] and pair["score"] == 95
    assert [r["rule"] for r in pair["reasons"]] == ["phone", "pinyin"]
    code, out, _ = _cli(capsys, *db_args, "duplicates")
    assert "#1 王建国" in out and "same phone" in out
    assert _cli(capsys, *db_args, "not-duplicate", "1", "2")[0] == 0
    assert json.loads(_cli(capsys, *db_args, "duplicates", "--json")[1])["pairs"] == []
    code, _, err = _cli(capsys, *db_args, "duplicates", "--min-score", "101")
    assert code == 2 and err.count("\n") == 1 and "--min-score" in err
    code, _, err = _cli(capsys, *db_args, "not-duplicate", "1", "9")
    assert code == 2 and "no customer with id 9" in err
    _cli(capsys, *db_args, "not-duplicate", "1", "2", "--undo")
    assert len(json.loads(_cli(capsys, *db_args, "duplicates", "--json")[1])["pairs"]) == 1


def test_the_demo_file_shows_a_few_duplicate_pairs_at_once(sqlite_db: Database) -> None:
    from guestcard.services.demo import fill_demo

    fill_demo(sqlite_db, 60, duplicates=True)
    report = find_duplicates(sqlite_db)
    assert customers.count_customers(sqlite_db) == 60
    rules = {r.rule for p in report.pairs for r in p.reasons}
    assert {"phone", "name_company", "pinyin", "birthday_surname"} <= rules
    assert len(report.pairs) >= 4


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_import_report_lists_the_rows_matched_by_a_weak_rule(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path
) -> None:
    _cli(capsys, *db_args, "add", "--name", "王建国", "--company", "华润置地", "--birthday", "1970-05-06")
    _cli(capsys, *db_args, "add", "--name", "李娜", "--birthday", "1985-03-02")
    sheet = tmp_path / "guests.csv"
    rows = ["姓名,单位,生日,备注", "王建国,华润置地,,老客户", "李娜,,1985-03-02,常来", "张三,,,新客"]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = _cli(capsys, *db_args, "import", str(sheet), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["updated"] == 2 and report["imported"] == 1
    assert report["weak_matches"] == [
        {"sheet": report["weak_matches"][0]["sheet"], "row": 3, "customer_id": 2,
         "reasons": ["birthday_surname", "same_name"]}
    ]
    sheet.write_text("姓名,生日,备注\n李娜,1985-03-02,又来了\n", encoding="utf-8")
    code, out, _ = _cli(capsys, *db_args, "import", str(sheet))
    assert "weak rule" in out and "row 2 → customer 2" in out
