import datetime as dt
from decimal import Decimal

import pytest

from guestcard.domain import Contact, Customer, PartialDate, Relation, Visit
from guestcard.services import customers
from guestcard.services.agenda import agenda, occasions_between
from guestcard.services.customers import InvalidInput
from guestcard.services.demo import fill_demo
from guestcard.storage import CustomerFilter, Database, NotFound


def add(db: Database, name: str, **values: object) -> Customer:
    return customers.create_customer(db, Customer(name=name, **values))  # type: ignore[arg-type]


def test_birthdays_in_the_window_with_and_without_year(db: Database) -> None:
    add(db, "有年", birthday=PartialDate(11, 25, 1980))
    add(db, "无年", birthday=PartialDate(11, 23))
    add(db, "纪念", anniversary=PartialDate(11, 30, 2016))
    add(db, "太远", birthday=PartialDate(12, 5))
    found = occasions_between(db, dt.date(2026, 11, 23), dt.date(2026, 11, 30))
    assert [(o.customer.name, o.kind, o.date.day, o.years) for o in found] == [
        ("无年", "birthday", 23, None),
        ("有年", "birthday", 25, 46),
        ("纪念", "anniversary", 30, 10),
    ]


def test_window_across_new_year(db: Database) -> None:
    add(db, "元旦", birthday=PartialDate(1, 1, 2000))
    found = occasions_between(db, dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert [(o.date, o.years) for o in found] == [(dt.date(2027, 1, 1), 27)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2027, 2, 27), dt.date(2027, 3, 1), dt.date(2027, 2, 28)),  # no 29 Feb: greeted on the 28th
        (dt.date(2028, 2, 27), dt.date(2028, 3, 1), dt.date(2028, 2, 29)),  # leap year: on the day
        (dt.date(2027, 3, 1), dt.date(2027, 3, 5), None),
    ],
)
def test_leap_day_birthdays(db: Database, start: dt.date, end: dt.date, expected: dt.date | None) -> None:
    add(db, "闰日", birthday=PartialDate(2, 29))
    found = occasions_between(db, start, end)
    assert [o.date for o in found] == ([expected] if expected else [])


def test_agenda_reservations_in_time_order_and_follow_ups(db: Database) -> None:
    a, b = add(db, "甲", allergies="海鲜"), add(db, "乙")
    day = dt.date(2026, 11, 24)
    customers.add_visit(db, Visit(customer_id=b.id, at=dt.datetime(2026, 11, 24, 18, 30), party_size=6))
    customers.add_visit(db, Visit(customer_id=a.id, at=dt.datetime(2026, 11, 24, 12, 0), party_size=2))
    customers.add_visit(db, Visit(customer_id=a.id, at=dt.datetime(2026, 12, 24, 12, 0)))
    customers.add_contact(db, Contact(customer_id=a.id, date=dt.date(2026, 11, 1), next_follow_up=day))
    done = customers.add_contact(
        db, Contact(customer_id=b.id, date=dt.date(2026, 11, 1), next_follow_up=dt.date(2026, 11, 20))
    )
    customers.mark_follow_up_done(db, done.id)
    result = agenda(db, days=3, today=dt.date(2026, 11, 23))
    assert [(v.at.hour, c.name) for v, c in result.reservations] == [(12, "甲"), (18, "乙")]
    assert [c.name for _, c in result.follow_ups] == ["甲"]
    assert [c.name for _, c in customers.reservations_on(db, day)] == ["甲", "乙"]
    assert agenda(db, days=0, today=dt.date(2026, 11, 23)).reservations == []


def test_visits_contacts_relations_in_the_customer_file(db: Database) -> None:
    a, b = add(db, "王总"), add(db, "王太太")
    visit = customers.add_visit(
        db,
        Visit(
            customer_id=a.id,
            at=dt.datetime(2026, 5, 1, 12),
            spend=Decimal("3680.5"),
            party_size=8,
            room="牡丹厅",
            dishes="佛跳墙",
        ),
    )
    customers.update_visit(db, Visit(id=visit.id, customer_id=a.id, at=visit.at, spend=Decimal(4000)))
    contact = customers.add_contact(
        db,
        Contact(
            customer_id=a.id,
            date=dt.date(2026, 5, 2),
            channel="微信",
            key_points="询问年会",
            intent="A",
            next_follow_up=dt.date(2026, 6, 1),
        ),
    )
    customers.add_relation(db, Relation(customer_id=b.id, other_id=a.id, kind="spouse"))
    file_a = customers.customer_file(db, a.id)
    assert [v.spend for v in file_a.visits] == [Decimal(4000)]
    assert file_a.contacts[0].key_points == "询问年会"
    assert [(r.other_name, r.kind, r.inverse) for r in file_a.relations] == [("王太太", "spouse", True)]
    assert [(r.other_name, r.inverse) for r in customers.customer_file(db, b.id).relations] == [("王总", False)]
    customers.delete_visit(db, visit.id)
    customers.delete_contact(db, contact.id)
    assert customers.customer_file(db, a.id).visits == []
    with pytest.raises(NotFound):
        customers.delete_visit(db, visit.id)


def test_invalid_input_is_refused_with_the_field(db: Database) -> None:
    person = add(db, "张")
    with pytest.raises(InvalidInput, match="^name:"):
        customers.create_customer(db, Customer(name=" "))
    with pytest.raises(InvalidInput, match="^class:"):
        customers.update_customer(db, person.id, {"class": "Z"})
    with pytest.raises(InvalidInput, match="party"):
        customers.add_visit(db, Visit(customer_id=person.id, at=dt.datetime(2026, 1, 1), party_size=0))
    with pytest.raises(InvalidInput, match="themselves"):
        customers.add_relation(db, Relation(customer_id=person.id, other_id=person.id, kind="friend"))
    with pytest.raises(NotFound):
        customers.add_visit(db, Visit(customer_id=999, at=dt.datetime(2026, 1, 1)))


def test_duplicates_by_phone(db: Database) -> None:
    first = add(db, "张三", phone="13812345678")
    assert [c.id for c in customers.find_duplicates(db, Customer(name="张叁", phone="13812345678"))] == [first.id]
    assert customers.find_duplicates(db, Customer(name="张叁")) == []


def test_parse_values_names_the_field(library) -> None:  # type: ignore[no-untyped-def]
    values = customers.parse_values(library, {"birthday": "1985年3月2日", "class": "VIP", "tags": "常客，VIP"})
    assert values == {"birthday": PartialDate(3, 2, 1985), "class": "A", "tags": ("常客", "VIP")}
    with pytest.raises(InvalidInput, match="^birthday: 1985-02-30 is not a real date"):
        customers.parse_values(library, {"birthday": "1985-02-30"})
    with pytest.raises(InvalidInput, match="^shoe_size: no form has"):
        customers.parse_values(library, {"shoe_size": "42"})


def test_demo_fills_a_lively_database(db: Database) -> None:
    today = dt.date(2026, 11, 23)
    assert fill_demo(db, 200, today=today) == 200
    assert customers.count_customers(db) == 200
    assert customers.count_customers(db, CustomerFilter(kind="corporate")) > 0
    upcoming = agenda(db, 7, today)
    assert upcoming.occasions and upcoming.reservations
    assert {c.customer_class for c in customers.list_customers(db)} == {"A", "B", "C"}


def test_choose_customers_to_print_with_a_limit(db: Database) -> None:
    """A print preview asks for the first few cards only, whichever way the customers are chosen."""
    from guestcard.printing import PrintError
    from guestcard.services.printing import choose_customers

    people = [customers.create_customer(db, Customer(name=f"客人{i}", customer_class="A")) for i in range(5)]
    day = dt.date(2030, 5, 1)
    for hour, person in zip((20, 18, 12), people[:3], strict=True):
        customers.add_visit(db, Visit(person.id, dt.datetime.combine(day, dt.time(hour))))
    ids = [p.id for p in reversed(people)]
    assert [c.id for c in choose_customers(db, ids=ids, limit=2)] == ids[:2]
    assert [c.name for c in choose_customers(db, day=day, limit=2)] == ["客人2", "客人1"]  # time order
    assert len(choose_customers(db, flt=CustomerFilter(customer_class="A"), limit=3)) == 3
    assert len(choose_customers(db, flt=CustomerFilter(query="客人"), limit=4)) == 4
    assert len(choose_customers(db, flt=CustomerFilter(customer_class="A"))) == 5
    with pytest.raises(PrintError, match="no customer with id 999"):
        choose_customers(db, ids=[999], limit=1)
