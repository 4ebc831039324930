"""``guestcard insights`` through the command line: text, JSON, --apply-classes and the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from guestcard.cli.main import main

AS_OF = dt.date(2026, 6, 15)


def run(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> Any:
    code, out, err = run(capsys, db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def add(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> int:
    return int(run_json(capsys, db, "add", *args)["id"])


def visit(capsys: pytest.CaptureFixture[str], db: list[str], customer: int, days_before: int, spend: str) -> None:
    day = AS_OF - dt.timedelta(days=days_before)
    code, _, err = run(capsys, db, "visit", str(customer), "--date", day.isoformat(), "--spend", spend)
    assert code == 0, err


@pytest.fixture
def histories(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> dict[str, int]:
    vip = add(capsys, db_args, "--name", "王建国", "--honorific", "王总", "--class", "A")
    visit(capsys, db_args, vip, 10, "2000")  # a hand-set A that spending says is C
    big = add(capsys, db_args, "--name", "李大方", "--class", "C")
    visit(capsys, db_args, big, 20, "50000")  # exactly the A threshold
    regular = add(capsys, db_args, "--name", "陈常客", "--phone", "13800001111")
    for month in range(14):
        visit(capsys, db_args, regular, 95 + 30 * month, "1000")
    add(capsys, db_args, "--name", "没来过")
    return {"vip": vip, "big": big, "regular": regular}


def test_insights_json(capsys: pytest.CaptureFixture[str], db_args: list[str], histories: dict[str, int]) -> None:
    result = run_json(capsys, db_args, "insights", "--date", AS_OF.isoformat(), "--lang", "en")
    suggested = {s["id"]: (s["current"], s["suggested"], s["amount"]) for s in result["classes"]["suggestions"]}
    assert suggested[histories["vip"]] == ("A", "C", 2000)
    assert suggested[histories["big"]] == ("C", "A", 50000)
    assert suggested[histories["regular"]][1:] == ("C", 9000)  # 9 visits in the 12 months
    assert result["classes"]["nothing_to_go_on"] == 1
    segments = {s["segment"]: s["customers"] for s in result["segments"]}
    assert segments["none"] == 1 and sum(segments.values()) == 4
    assert result["segments"][0]["name"] == "Champions"
    (alert,) = result["churn_alerts"]
    assert alert["id"] == histories["regular"] and alert["reasons"] == ["stopped"]
    assert alert["phone"] == "13800001111" and "no visit in the last 90 days" in alert["why"]
    assert "or more is class A" in result["rules"]["classes"]
    assert "Champions" in result["rules"]["segments"] and "90" in result["rules"]["churn"]


def test_insights_text(capsys: pytest.CaptureFixture[str], db_args: list[str], histories: dict[str, int]) -> None:
    code, out, _ = run(capsys, db_args, "insights", "--date", AS_OF.isoformat(), "--limit", "1")
    assert code == 0
    assert "3 would change" in out and "… and 2 more" in out
    assert "A → C" not in out or "C → A" not in out  # one suggestion listed
    assert "陈常客" in out and "没有来" in out  # the churn alert, in Chinese by default
    assert "未到店" in out


def test_apply_classes_only_when_asked_and_into_the_audit_trail(
    capsys: pytest.CaptureFixture[str], db_args: list[str], histories: dict[str, int]
) -> None:
    vip, big = str(histories["vip"]), str(histories["big"])
    run(capsys, db_args, "insights", "--date", AS_OF.isoformat())
    assert run_json(capsys, db_args, "show", vip)["class"] == "A"  # listing changes nothing

    applied = run_json(capsys, db_args, "insights", "--date", AS_OF.isoformat(), "--apply-classes", "--ids", big)
    assert applied["applied"] == [{"id": int(big), "name": "李大方", "old": "C", "new": "A"}]
    assert run_json(capsys, db_args, "show", vip)["class"] == "A"  # not in --ids
    history = run_json(capsys, db_args, "history", big)
    assert {"action": "insights", "field": "class", "old": "C", "new": "A"}.items() <= history[0].items()

    code, out, _ = run(capsys, db_args, "insights", "--date", AS_OF.isoformat(), "--apply-classes")
    assert code == 0 and "applied 2 class changes" in out and "A → C" in out
    assert run_json(capsys, db_args, "show", vip)["class"] == "C"
    again = run_json(capsys, db_args, "insights", "--date", AS_OF.isoformat())
    assert again["classes"]["would_change"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "tomorrow"], "--date: 'tomorrow' is not a date"),
        (["--ids", "1,2"], "--ids: only with --apply-classes"),
        (["--apply-classes", "--ids", "1,x"], "--ids: '1,x' is not a list"),
        (["--limit", "-1"], "--limit: cannot be negative"),
    ],
)
@pytest.mark.usefixtures("english_settings")  # the English lines
def test_bad_options_are_one_line(
    capsys: pytest.CaptureFixture[str], db_args: list[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, db_args, "insights", *args)
    assert code == 2 and out == ""
    assert err.strip().endswith(message) or message in err
    assert len(err.strip().splitlines()) == 1


def test_empty_database(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    result = run_json(capsys, db_args, "insights")
    assert result["classes"]["suggestions"] == [] and result["churn_alerts"] == []
    assert all(s["customers"] == 0 for s in result["segments"])


def test_the_class_thresholds_come_from_the_settings_file(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(class_a_from="2万", class_b_from="5000"))
    customer = add(capsys, db_args, "--name", "张小姐", "--class", "C")
    visit(capsys, db_args, customer, 10, "20000")
    result = run_json(capsys, db_args, "insights", "--date", AS_OF.isoformat())
    assert [(s["id"], s["suggested"]) for s in result["classes"]["suggestions"]] == [(customer, "A")]
    assert "¥20,000" in result["rules"]["classes"]
