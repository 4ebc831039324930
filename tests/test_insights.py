"""The insight rules at their boundaries, over hand-made visit histories (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace as dc_replace
from decimal import Decimal

import pytest

from guestcard.domain import Customer, PartialDate, Visit
from guestcard.services import customers
from guestcard.services import insights as ins
from guestcard.services.customers import InvalidInput
from guestcard.services.insights import accepting
from guestcard.settings import Settings
from guestcard.storage import CustomerFilter, Database, VersionConflict

NOW = dt.datetime(2026, 6, 15, 12, 0)


def add(db: Database, name: str, *visits: tuple[float, float], **values: object) -> int:
    """A customer with visits given as (days before NOW, yuan spent); negative days are reservations."""
    customer = customers.create_customer(db, Customer(name=name, **values))  # type: ignore[arg-type]
    assert customer.id is not None
    for days, spend in visits:
        at = NOW - dt.timedelta(days=days)
        customers.add_visit(db, Visit(customer.id, at, spend=Decimal(str(spend))))
    return customer.id


def suggestions(db: Database) -> dict[int, ins.ClassSuggestion]:
    return {s.customer_id: s for s in ins.class_review(db, now=NOW).suggestions}


# --- class suggestions ------------------------------------------------------------------------------


def test_class_thresholds_just_above_and_below(db: Database) -> None:
    a_exact = add(db, "甲", (10, 30_000), (200, 20_000))
    a_below = add(db, "乙", (10, 49_999.99))
    b_exact = add(db, "丙", (10, 10_000))
    b_below = add(db, "丁", (10, 9_999.99))
    found = suggestions(db)
    assert {i: found[i].suggested for i in (a_exact, a_below, b_exact, b_below)} == {
        a_exact: "A",
        a_below: "B",
        b_exact: "B",
        b_below: "C",
    }
    assert found[a_exact].amount == Decimal(50_000) and found[a_exact].visits == 2
    assert found[a_exact].basis == "visits" and not found[a_exact].by_kind
    assert found[a_below].reason("en") == "¥50,000 in the last 12 months (1 visits)"


def test_only_the_last_twelve_months_count_and_reservations_do_not(db: Database) -> None:
    inside = add(db, "刚好", (364, 60_000))
    outside = add(db, "太早", (366, 60_000), (10, 100))
    booked = add(db, "预订", (-5, 60_000), (10, 100))
    found = suggestions(db)
    assert found[inside].suggested == "A"
    assert found[outside].suggested == "C" and found[outside].amount == Decimal(100)
    assert found[booked].suggested == "C"


def test_first_time_visitor_and_no_visits(db: Database) -> None:
    first = add(db, "初次", (3, 800))
    nothing = add(db, "无记录")
    by_card = add(db, "卡上", annual_spend=Decimal(60_000))
    review = ins.class_review(db, now=NOW)
    found = {s.customer_id: s for s in review.suggestions}
    assert found[first].suggested == "C" and found[first].visits == 1
    assert nothing not in found and review.no_basis == 1
    assert found[by_card].suggested == "A" and found[by_card].basis == "card"
    assert found[by_card].reason("zh") == "卡上年消费¥60,000"
    assert review.total == 2 and review.by_change == {(None, "C"): 1, (None, "A"): 1}


def test_corporate_accounts_are_at_least_b(db: Database) -> None:
    small = add(db, "小公司", (10, 3_000), kind="corporate")
    idle = add(db, "没来过的公司", kind="corporate", customer_class="B")
    new = add(db, "新公司", kind="corporate")
    big = add(db, "大公司", (10, 80_000), kind="corporate")
    review = ins.class_review(db, now=NOW)
    found = {s.customer_id: s for s in review.suggestions}
    assert found[small].suggested == "B" and found[small].by_kind
    assert "corporate accounts are at least B" in found[small].reason("en")
    assert idle not in found  # already B by kind
    assert found[new].suggested == "B" and found[new].basis == "kind"
    assert found[big].suggested == "A" and not found[big].by_kind
    no_rule = ins.class_review(db, ins.InsightSettings(corporate_class=None), now=NOW)
    assert {s.customer_id: s.suggested for s in no_rule.suggestions}[small] == "C"
    assert new not in {s.customer_id for s in no_rule.suggestions}


def test_a_hand_set_class_is_shown_beside_the_suggestion_and_changed_only_when_accepted(db: Database) -> None:
    vip = add(db, "王总", (10, 2_000), customer_class="A")
    other = add(db, "李女士", (10, 20_000), customer_class="C")
    review = ins.class_review(db, now=NOW)
    found = {s.customer_id: s for s in review.suggestions}
    assert (found[vip].current, found[vip].suggested) == ("A", "C")
    ins.segment_counts(db, now=NOW)
    ins.churn_alerts(db, now=NOW)
    ins.dashboard(db, now=NOW)
    assert customers.get_customer(db, vip).customer_class == "A"  # looking changes nothing
    assert customers.history_of(db, vip)[0].field is None  # only "card created"

    changes = ins.accept_class_suggestions(db, now=NOW, ids=[vip])
    assert [(c.customer_id, c.old, c.new) for c in changes.applied] == [(vip, "A", "C")]
    assert customers.get_customer(db, vip).customer_class == "C"
    assert customers.get_customer(db, other).customer_class == "C"  # not accepted: unchanged
    change = customers.history_of(db, vip)[0]
    assert (change.action, change.field, change.old, change.new) == (ins.APPLY_ACTION, "class", "A", "C")


def test_a_card_changed_since_the_suggestion_is_skipped(db: Database) -> None:
    vip = add(db, "王总", (10, 2_000), customer_class="A")
    gone = add(db, "走了", (10, 2_000), customer_class="A")
    review = ins.class_review(db, now=NOW)
    customers.update_customer(db, vip, {"notes": "经理亲定A类"})
    customers.delete_customer(db, gone)
    changes = ins.apply_class_suggestions(db, review.suggestions)
    assert changes.applied == []
    assert sorted((s.customer_id, why) for s, why in changes.skipped) == [
        (vip, "changed since the suggestion was made"),
        (gone, "deleted"),
    ]
    assert customers.get_customer(db, vip).customer_class == "A"


def test_suggestions_are_applied_batch_by_batch(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Across batch boundaries every card gets its class and its audit line, a skipped card in the
    middle of a batch leaves the others of it applied, search still finds them."""
    monkeypatch.setattr(accepting, "_APPLY_BATCH", 2)
    ids = [add(db, f"客人{n}", (10, 60_000), customer_class="C") for n in range(5)]
    review = ins.class_review(db, now=NOW)
    customers.update_customer(db, ids[2], {"notes": "别动"})
    seen: list[tuple[int, int]] = []
    changes = ins.apply_class_suggestions(db, review.suggestions, progress=lambda d, t: seen.append((d, t)))
    assert sorted(c.customer_id for c in changes.applied) == sorted(ids[:2] + ids[3:])
    assert [s.customer_id for s, _why in changes.skipped] == [ids[2]]
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    for customer_id in ids[:2] + ids[3:]:
        card = customers.get_customer(db, customer_id)
        assert card.customer_class == "A" and card.version == 2
        assert customers.history_of(db, customer_id)[0].action == ins.APPLY_ACTION
    assert customers.get_customer(db, ids[2]).customer_class == "C"
    assert {c.id for c in customers.list_customers(db, CustomerFilter(query="客人"))} == set(ids)


def test_a_card_written_elsewhere_during_the_batch_rolls_it_all_back(db: Database) -> None:
    """Two PCs: the version is checked in the UPDATE itself, not only when the card was read."""
    from guestcard.storage import customers as store

    first = add(db, "甲", (10, 60_000), customer_class="C")
    second = add(db, "乙", (10, 60_000), customer_class="C")
    with db.session() as session:
        before = store.get_customers(session, [first, second])
    customers.update_customer(db, second, {"notes": "另一台电脑改的"})
    with pytest.raises(VersionConflict) as raised, db.session() as session:
        store.bulk_update_customers(
            session, [(c, dc_replace(c, customer_class="A")) for c in before], action="insights", check_versions=True
        )
    assert raised.value.customer_id == second
    assert [customers.get_customer(db, i).customer_class for i in (first, second)] == ["C", "C"]


def test_thresholds_come_from_the_settings() -> None:
    rule = ins.InsightSettings.from_settings(Settings(class_a_from="2万", class_b_from="¥5,000"))
    assert (rule.class_a_from, rule.class_b_from) == (Decimal(20_000), Decimal(5_000))
    assert ins.InsightSettings.from_settings(Settings(class_a_from="lots")) == ins.DEFAULTS
    assert ins.InsightSettings.from_settings(Settings(class_a_from="100", class_b_from="200")) == ins.DEFAULTS
    assert "¥20,000" in ins.class_rule_text("zh", rule)


def test_bad_rule_settings_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput, match="class thresholds"):
        ins.InsightSettings(class_a_from=Decimal(100), class_b_from=Decimal(200))
    with pytest.raises(InvalidInput, match="recency_days"):
        ins.InsightSettings(recency_days=(60, 30, 120, 240))
    with pytest.raises(InvalidInput, match="unknown colour"):
        ins.InsightSettings.from_mapping({"colour": "red"})


# --- loyalty segments -------------------------------------------------------------------------------


def test_every_segment(db: Database) -> None:
    ids = {
        "champions": add(db, "核心", *[(5 + 9 * i, 4_000) for i in range(6)]),  # R5 F4 M4
        "loyal": add(db, "忠实", (100, 1_000), (150, 1_000), (200, 1_000)),  # R3 F3 M2
        "promising": add(db, "新客", (10, 500)),  # R5 F1 M1
        "needs_attention": add(db, "关注", (100, 500)),  # R3 F1 M1
        "cannot_lose": add(db, "大单", (200, 25_000)),  # R2 F1 M4
        "at_risk": add(db, "风险", (200, 500), (230, 500)),  # R2 F2 M1
        "lost": add(db, "流失", (300, 500)),  # R1 F1 M1
        "none": add(db, "未来"),
    }
    scores = {s.customer_id: s for s in ins.customer_scores(db, now=NOW)}
    assert {key: scores[i].segment for key, i in ids.items()} == {key: key for key in ids}
    champion = scores[ids["champions"]]
    assert (champion.recency, champion.frequency, champion.monetary) == (5, 4, 4)
    assert champion.visits == 6 and champion.spend == Decimal(24_000)
    assert scores[ids["none"]].recency is None and scores[ids["none"]].last_visit is None
    assert ins.segment_counts(db, now=NOW) == dict.fromkeys(ins.SEGMENTS, 1)
    only = ins.customer_scores(db, now=NOW, segment="lost")
    assert [s.customer_id for s in only] == [ids["lost"]]


@pytest.mark.parametrize(
    ("days", "spend", "expected"),
    [
        (30, 0, (5, 1, 1)),
        (30.01, 0, (4, 1, 1)),
        (240, 0, (2, 1, 1)),
        (240.01, 0, (1, 1, 1)),
        (5, 2_000, (5, 1, 2)),
        (5, 1_999.99, (5, 1, 1)),
        (5, 50_000, (5, 1, 5)),
        (5, 49_999.99, (5, 1, 4)),
    ],
)
def test_recency_and_monetary_bounds(db: Database, days: float, spend: float, expected: tuple[int, int, int]) -> None:
    customer = add(db, "边界", (days, spend))
    (score,) = ins.customer_scores(db, now=NOW, ids=[customer])
    assert (score.recency, score.frequency, score.monetary) == expected


def test_frequency_bounds(db: Database) -> None:
    eleven = add(db, "十一次", *[(5 + i, 100) for i in range(11)])
    twelve = add(db, "十二次", *[(5 + i, 100) for i in range(12)])
    two = add(db, "两次", (5, 100), (6, 100))
    scores = {s.customer_id: s.frequency for s in ins.customer_scores(db, now=NOW)}
    assert (scores[eleven], scores[twelve], scores[two]) == (4, 5, 2)


def test_the_rules_are_shown_in_words() -> None:
    zh, en = ins.segment_rule_text("zh"), ins.segment_rule_text("en")
    assert "30天内5分" in zh and "核心贵宾 R≥4、F≥4、M≥4" in zh
    assert "within 30 days 5" in en and "Cannot lose F≥4 or M≥4" in en
    assert "¥50,000" in ins.class_rule_text("en") and "90" in ins.churn_rule_text("zh")


# --- churn alerts -----------------------------------------------------------------------------------


def monthly(start_days: float, count: int, spend: float = 1_000) -> list[tuple[float, float]]:
    return [(start_days + 30 * i, spend) for i in range(count)]


def test_a_monthly_regular_silent_for_three_months_is_alerted(db: Database) -> None:
    silent = add(db, "老常客", *monthly(95, 14), honorific="陈总", phone="13800001111")
    still = add(db, "还在来", *monthly(5, 17))
    new = add(db, "新客人", (20, 3_000), (10, 3_000))
    booked = add(db, "已预订", *monthly(95, 14), (-3, 0))
    alerts = ins.churn_alerts(db, now=NOW)
    assert [a.customer_id for a in alerts] == [silent]
    (alert,) = alerts
    assert alert.reasons == ("stopped",)
    assert alert.baseline_visits == 13 and alert.baseline_days == 365 and alert.usual_interval == 28
    assert alert.days_since == 95 and alert.recent_visits == 0
    assert alert.display_name == "老常客（陈总）" and alert.phone == "13800001111"
    assert "没有来" in alert.why("zh") and "no visit in the last 90 days" in alert.why("en")
    assert {still, new, booked}.isdisjoint(a.customer_id for a in alerts)


def test_fewer_visits_at_half_the_rhythm(db: Database) -> None:
    # 24 visits in the year before the window: about 5.9 expected in 90 days, alerted under 2.96.
    base = [(100 + 15 * i, 1_000) for i in range(24)] + [(500, 1_000)]
    three = add(db, "三次", *base, (10, 1_000), (20, 1_000), (30, 1_000))
    two = add(db, "两次", *base, (10, 1_000), (20, 1_000))
    alerts = {a.customer_id: a for a in ins.churn_alerts(db, now=NOW)}
    assert three not in alerts
    assert alerts[two].reasons == ("fewer_visits", "less_spending")
    assert round(alerts[two].expected_visits, 2) == 5.92


def test_less_spending_alone(db: Database) -> None:
    base = [(100 + 15 * i, 1_000) for i in range(24)] + [(500, 1_000)]
    cheap = add(db, "少花", *base, *[(5 + 10 * i, 100) for i in range(6)])
    alerts = {a.customer_id: a for a in ins.churn_alerts(db, now=NOW)}
    assert alerts[cheap].reasons == ("less_spending",)
    assert alerts[cheap].recent_spend == Decimal(600)


def test_too_few_visits_to_have_a_rhythm(db: Database) -> None:
    rare = add(db, "偶尔", (100, 1_000), (200, 1_000), (300, 1_000), (500, 1_000))  # 3 a year: < 2 per 90 days
    assert ins.churn_alerts(db, now=NOW) == []
    assert rare


# --- dashboard and occasions ------------------------------------------------------------------------


def test_dashboard_figures(db: Database) -> None:
    old = customers.create_customer(db, Customer(name="老客", customer_class="A", favorite_drinks="茅台、普洱茶"))
    assert old.id is not None
    customers.add_visit(db, Visit(old.id, dt.datetime(2025, 3, 1, 19), spend=Decimal(100), dishes="佛跳墙"))
    customers.add_visit(db, Visit(old.id, dt.datetime(2026, 5, 3, 19), spend=Decimal(800), dishes="佛跳墙、北京烤鸭"))
    customers.add_visit(db, Visit(old.id, dt.datetime(2026, 6, 2, 19), spend=Decimal(300), dishes="北京烤鸭, 佛跳墙"))
    new = customers.create_customer(db, Customer(name="新客", customer_class="C", favorite_drinks="普洱茶"))
    assert new.id is not None
    customers.add_visit(db, Visit(new.id, dt.datetime(2026, 6, 10, 12), spend=Decimal(200), dishes="佛跳墙"))
    customers.add_visit(db, Visit(new.id, dt.datetime(2026, 6, 20, 12), spend=Decimal(999)))  # reservation
    customers.create_customer(db, Customer(name="无类"))
    board = ins.dashboard(db, now=NOW, months=3)
    assert [(m.month, m.visits, m.spend, m.guests, m.new_guests) for m in board.months] == [
        ("2026-04", 0, Decimal(0), 0, 0),
        ("2026-05", 1, Decimal(800), 1, 0),
        ("2026-06", 2, Decimal(500), 2, 1),
    ]
    assert board.months[-1].returning_guests == 1
    assert board.customers == 3 and board.by_class == {"A": 1, "B": 0, "C": 1, "": 1}
    assert sum(board.by_segment.values()) == 3
    assert board.top_dishes == [("佛跳墙", 3), ("北京烤鸭", 2)]
    assert board.top_drinks == [("普洱茶", 2), ("茅台", 1)]


def test_dashboard_months_are_checked(db: Database) -> None:
    with pytest.raises(InvalidInput, match="months"):
        ins.dashboard(db, now=NOW, months=0)


def test_upcoming_occasions_with_class_and_dishes(db: Database) -> None:
    fan = add(db, "寿星", customer_class="A", birthday=PartialDate(6, 18, 1970))
    for dishes in ("东坡肉、龙井虾仁", "东坡肉", "叫花鸡、东坡肉、龙井虾仁"):
        customers.add_visit(db, Visit(fan, NOW - dt.timedelta(days=30), dishes=dishes))
    add(db, "有最爱", birthday=PartialDate(6, 20), favorite_dishes="佛跳墙")
    add(db, "太远", birthday=PartialDate(7, 30))
    notes = ins.upcoming_occasions(db, 14, NOW.date())
    assert [(n.customer.name, n.occasion.date.day) for n in notes] == [("寿星", 18), ("有最爱", 20)]
    assert notes[0].usual_dishes == ("东坡肉", "龙井虾仁", "叫花鸡")
    assert notes[0].customer.customer_class == "A"
    assert notes[1].dishes == "佛跳墙"


def test_build_insights_reads_everything_once(db: Database) -> None:
    add(db, "老常客", *monthly(95, 14))
    add(db, "新客", (3, 800))
    result = ins.build_insights(db, now=NOW)
    assert len(result.alerts) == 1 and result.classes.total == 2
    assert result.dashboard is not None and result.segments == result.dashboard.by_segment
    assert sum(result.segments.values()) == 2


def test_a_customer_called_since_is_left_out_when_asked(db: Database) -> None:
    from guestcard.domain import Contact

    silent = add(db, "老常客", *monthly(95, 14))
    assert [a.customer_id for a in ins.churn_alerts(db, now=NOW)] == [silent]
    customers.add_contact(db, Contact(silent, NOW.date() - dt.timedelta(days=3), channel="电话"))
    since = NOW.date() - dt.timedelta(days=14)
    assert ins.churn_alerts(db, now=NOW, contacted_since=since) == []
    assert [a.customer_id for a in ins.churn_alerts(db, now=NOW, contacted_since=NOW.date())] == [silent]
    assert [a.customer_id for a in ins.churn_alerts(db, now=NOW)] == [silent]


def test_progress_is_reported_and_a_cancel_rolls_every_change_back(db: Database) -> None:
    first = add(db, "甲", (10, 60_000), customer_class="C")
    second = add(db, "乙", (10, 60_000), customer_class="C")
    review = ins.class_review(db, now=NOW)
    seen: list[tuple[int, int]] = []
    changes = ins.apply_class_suggestions(db, review.suggestions[:1], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 1), (1, 1)] and len(changes.applied) == 1
    customers.update_customer(db, first, {"class": "C"})

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done == total:  # after every card was written, before the commit
            raise Cancelled

    with pytest.raises(Cancelled):
        ins.accept_class_suggestions(db, now=NOW, progress=cancel)
    assert customers.get_customer(db, first).customer_class == "C"
    assert customers.get_customer(db, second).customer_class == "C"


def test_churn_has_one_word_the_segments_do_not_share() -> None:
    """The dashboard showed 流失预警 0 beside the segments 流失风险 30 and 已流失 42: three counts
    of what read as one idea. 流失 (churn) is the alerts' word alone; the segments say how
    recently and often a guest came."""
    for key, (chinese, english) in ins.SEGMENTS.items():
        assert "流失" not in chinese, key
        assert english.lower() not in {"at risk", "lost", "churn"}, key
