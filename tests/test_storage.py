import shutil
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from guestcard.domain import Customer, PartialDate
from guestcard.services import customers
from guestcard.storage import CustomerFilter, Database, DatabaseError, NotFound, VersionConflict, migrate
from guestcard.storage.database import SCHEMA_HEAD
from guestcard.storage.models import Base

# SQLite's FTS5 tables and their shadow tables, made by the migrations, not by the models.
FTS_TABLES = ("customer_fts", "customer_name_fts", "customer_other_fts", "customer_phone_fts")

DATA = Path(__file__).parent / "data"


def test_new_database_is_wal_with_foreign_keys(db_path: Path) -> None:
    # Made here, not by the fixture sqlite_db (which copies a file made so once per test worker).
    assert not db_path.exists()
    with Database.open(db_path) as database, database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert database.schema_version() == SCHEMA_HEAD
    assert db_path.exists()


def test_schema_head_constant_matches_alembic() -> None:
    assert migrate.head() == SCHEMA_HEAD


def test_migrations_build_exactly_the_models(db: Database) -> None:
    def ours(obj: object, name: str | None, type_: str, *_: object) -> bool:
        if type_ == "index" and name and name.endswith("_trgm"):  # PostgreSQL's search indexes
            return False
        return not (type_ == "table" and name and (name.startswith(FTS_TABLES) or name == "alembic_version"))

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours})
        assert compare_metadata(context, Base.metadata) == []


OLD_SCHEMAS = sorted(DATA.glob("schema_*.sqlite3"))


def test_a_database_of_every_older_schema_is_saved() -> None:
    versions = [path.stem.removeprefix("schema_") for path in OLD_SCHEMAS]
    assert versions == [f"{n:04d}" for n in range(1, int(SCHEMA_HEAD))]


@pytest.mark.parametrize("saved", OLD_SCHEMAS, ids=lambda path: path.stem)
def test_a_database_of_an_older_schema_opens_and_keeps_its_data(tmp_path: Path, saved: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(saved, path)
    db = Database.open(path)
    try:
        assert db.schema_version() == SCHEMA_HEAD
        found = customers.list_customers(db)
        assert len(found) == 20
        person = next(c for c in found if c.kind == "individual")
        assert customers.list_customers(db, customers.CustomerFilter(query=person.name))[0].name == person.name
        surname = customers.list_customers(db, customers.CustomerFilter(query=person.name[0]), limit=500)
        assert person.id in [c.id for c in surname]
        if person.phone:  # phone fragments too (0001–0003 kept them as rows of suffixes)
            fragment = person.phone[-6:-1]
            assert person.id in [c.id for c in customers.list_customers(db, CustomerFilter(query=fragment))]
        if person.favorite_dishes:  # the other text is searchable too
            dish = person.favorite_dishes[:2]
            assert person.id in [c.id for c in customers.list_customers(db, CustomerFilter(query=dish), limit=500)]
    finally:
        db.close()


def test_the_phone_index_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    """0004 turns phone suffix rows into a trigram-indexed column; going back to 0003 gives the
    rows back, and up again the column."""
    from sqlalchemy import create_engine

    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema_0003.sqlite3", path)
    engine = create_engine(f"sqlite:///{path}")
    digit_terms = "SELECT COUNT(*) FROM search_terms WHERE term >= '0' AND term < ':'"
    with engine.connect() as connection:
        before = connection.exec_driver_sql(digit_terms).scalar()
    assert before
    migrate.upgrade(engine, "0004")
    with engine.connect() as connection:
        assert connection.exec_driver_sql(digit_terms).scalar() == 0
        assert connection.exec_driver_sql("SELECT COUNT(search_phones) FROM customers").scalar()
        assert connection.exec_driver_sql("SELECT COUNT(*) - COUNT(name_sort) FROM customers").scalar() == 0
        with_phone = connection.exec_driver_sql("SELECT COUNT(*) FROM customers WHERE phone IS NOT NULL").scalar()
        endings = "SELECT COUNT(*) FROM search_terms WHERE term >= '#' AND term < '$'"
        assert with_phone and connection.exec_driver_sql(endings).scalar() >= with_phone
    migrate.downgrade(engine, "0003")
    with engine.connect() as connection:
        assert connection.exec_driver_sql(digit_terms).scalar() == before
        assert connection.exec_driver_sql(endings).scalar() == 0
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    db = Database.open(path)
    try:
        person = next(c for c in customers.list_customers(db) if c.phone)
        assert person.id in [c.id for c in customers.list_customers(db, CustomerFilter(query=person.phone[-4:]))]
    finally:
        db.close()


def test_a_large_batch_rebuilds_the_search_index_and_keeps_the_triggers(sqlite_db: Database) -> None:
    from guestcard.storage import customers as store

    batch = [Customer(name=f"批量{n}", company=f"宫保{n}公司", phone=f"1390000{n:04d}") for n in range(2500)]
    with sqlite_db.session() as session:
        ids = store.bulk_insert_customers(session, batch)
    assert len(ids) == 2500
    with sqlite_db.engine.connect() as connection:
        triggers = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'customers_search_%'"
        ).scalar()
        assert triggers == 3
        indexes = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_customers_name", "ix_customers_phone", "ix_search_terms_customer_id"} <= indexes
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("INSERT INTO customer_name_fts(customer_name_fts) VALUES "
                                          "('integrity-check')") is not None
    assert next(c.name for c in customers.list_customers(sqlite_db, CustomerFilter(query="批量2499"))) == "批量2499"
    assert len(customers.list_customers(sqlite_db, CustomerFilter(query="宫保"), limit=3000)) == 2500
    # Later edits are indexed again by the triggers.
    first = customers.get_customer(sqlite_db, ids[0])
    customers.save_customer(sqlite_db, replace(first, name="改名甲"))
    assert [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query="改名甲"))] == [ids[0]]
    assert ids[0] not in [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query="批量0"))]


def test_a_failed_large_batch_leaves_index_and_triggers_as_they_were(sqlite_db: Database) -> None:
    from guestcard.storage import customers as store

    customers.create_customer(sqlite_db, Customer(name="原有"))
    batch = [Customer(name=f"失败{n}") for n in range(2500)]
    with pytest.raises(RuntimeError), sqlite_db.session() as session:
        store.bulk_insert_customers(session, batch)
        raise RuntimeError("the import stops here")
    with sqlite_db.engine.connect() as connection:
        triggers = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'customers_search_%'"
        ).scalar()
        assert triggers == 3
    assert customers.list_customers(sqlite_db, CustomerFilter(query="失败")) == []
    created = customers.create_customer(sqlite_db, Customer(name="之后"))
    assert [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query="之后"))] == [created.id]


def test_a_search_word_in_the_name_and_another_elsewhere_finds_the_customer(db: Database) -> None:
    wang = customers.create_customer(db, Customer(name="王建国", favorite_dishes="松鼠桂鱼", company="华夏旅行社"))
    customers.create_customer(db, Customer(name="李建国", favorite_dishes="松鼠桂鱼"))
    found = customers.list_customers(db, CustomerFilter(query="王 松鼠"))
    assert [c.id for c in found] == [wang.id]
    # Name matches rank before matches elsewhere.
    named = customers.create_customer(db, Customer(name="华夏"))
    assert next(c.id for c in customers.list_customers(db, CustomerFilter(query="华夏"))) == named.id


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    Database.open(db_path).close()
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer guestcard"):
        Database.open(db_path)


def test_garbage_and_foreign_databases_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseError, match=r"garbage\.sqlite3: not a usable guestcard database"):
        Database.open(garbage)
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as connection, connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="not a guestcard database"):
        Database.open(foreign)
    assert garbage.read_bytes().startswith(b"this is not")


def test_customer_round_trip_keeps_every_value(db: Database) -> None:
    original = Customer(
        name="曾小贤",
        honorific="曾总",
        gender="male",
        phone="13812345678",
        email="zeng@example.com",
        birthday=PartialDate(2, 29),
        anniversary=PartialDate(5, 20, 2010),
        company="天籁电台",
        position="主持人",
        address="上海市",
        customer_class="A",
        annual_spend=__import__("decimal").Decimal("12800.50"),
        favorite_dishes="红烧肉",
        favorite_drinks="胡萝卜汁 🥕",
        allergies="花生",
        notes="靠窗",
        tags=("VIP", "电台"),
        fields={"preferred_seat": "牡丹厅", "trade": ["it"]},
        extra={"QQ": "12345"},
        raw={"birthday": "去年"},
    )
    created = customers.create_customer(db, original)
    again = customers.get_customer(db, created.id)
    for attr in (
        "name",
        "honorific",
        "gender",
        "phone",
        "email",
        "birthday",
        "anniversary",
        "company",
        "position",
        "address",
        "customer_class",
        "annual_spend",
        "favorite_dishes",
        "favorite_drinks",
        "allergies",
        "notes",
        "tags",
        "fields",
        "extra",
        "raw",
    ):
        assert getattr(again, attr) == getattr(original, attr), attr
    assert again.version == 1


def test_update_clears_and_sets_and_bumps_version(db: Database) -> None:
    created = customers.create_customer(db, Customer(name="李四", phone="13900000000", notes="old"))
    updated = customers.update_customer(db, created.id, {"notes": None, "class": "B", "preferred_seat": "兰亭"})
    assert updated.notes is None and updated.customer_class == "B" and updated.fields == {"preferred_seat": "兰亭"}
    assert updated.version == 2
    assert customers.list_customers(db, customers.CustomerFilter(query="兰亭"))[0].id == created.id


def test_saving_a_stale_card_is_refused(db: Database) -> None:
    opened = customers.create_customer(db, Customer(name="王五"))
    customers.save_customer(db, replace(opened, notes="changed at the front desk"), expected_version=opened.version)
    with pytest.raises(VersionConflict, match="changed elsewhere") as caught:
        customers.save_customer(db, replace(opened, notes="changed in the restaurant"), expected_version=opened.version)
    assert caught.value.current.notes == "changed at the front desk"
    assert customers.get_customer(db, opened.id).notes == "changed at the front desk"


def test_delete_removes_everything_about_the_customer(db: Database) -> None:
    import datetime as dt

    from guestcard.domain import Contact, Relation, Visit

    a = customers.create_customer(db, Customer(name="甲", tags=("only-a",)))
    b = customers.create_customer(db, Customer(name="乙"))
    customers.add_visit(db, Visit(customer_id=a.id, at=dt.datetime(2026, 1, 1, 12)))
    customers.add_contact(db, Contact(customer_id=a.id, date=dt.date(2026, 1, 1)))
    customers.add_relation(db, Relation(customer_id=b.id, other_id=a.id, kind="spouse"))
    customers.delete_customer(db, a.id)
    with pytest.raises(NotFound):
        customers.get_customer(db, a.id)
    with db.engine.connect() as connection:
        for table in ("visits", "contacts", "relations", "customer_tags", "tags"):
            assert connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar() == 0, table
        for table in ("search_terms", "customer_changes"):
            assert connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table} WHERE customer_id = {a.id}").scalar() == 0
        if db.is_sqlite:
            fts = "SELECT COUNT(*) FROM customer_name_fts WHERE customer_name_fts MATCH '甲'"
            assert connection.exec_driver_sql(fts).scalar() == 0
    assert customers.customer_file(db, b.id).relations == []


def test_failed_action_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        from guestcard.storage import customers as store

        store.insert_customer(session, Customer(name="半途"))
        raise RuntimeError("power cut")
    assert customers.count_customers(db) == 0


def test_two_pcs_editing_the_same_card_the_second_save_is_refused(db: Database) -> None:
    """Two programs (two engines, as on two PCs) open the same card; the later save loses nothing."""
    front_desk = db
    restaurant = Database.open(db.url)
    try:
        opened_here = customers.create_customer(front_desk, Customer(name="王总", notes="原始"))
        opened_there = customers.get_customer(restaurant, opened_here.id)
        customers.save_customer(
            front_desk, replace(opened_here, notes="前台改的"), expected_version=opened_here.version
        )
        with pytest.raises(VersionConflict) as caught:
            customers.save_customer(
                restaurant, replace(opened_there, notes="餐厅改的"), expected_version=opened_there.version
            )
        assert caught.value.current.notes == "前台改的"
        assert customers.get_customer(restaurant, opened_here.id).notes == "前台改的"
    finally:
        restaurant.close()


def test_copy_db_to_another_database_and_back(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    """SQLite file → the test database (a server when configured) → a new SQLite file, counts checked."""
    from guestcard.cli.main import main
    from guestcard.services.demo import fill_demo

    source = tmp_path / "source.sqlite3"
    db = Database.open(source)
    fill_demo(db, 60)
    customers.create_customer(db, Customer(name="单雄信", phone="13600002222", tags=("VIP",)))
    db.close()
    target = db_args[1] if db_args[0] == "--db-url" else str(tmp_path / "middle.sqlite3")
    assert main(["--db", str(source), "copy-db", "--to", target]) == 0
    assert "copied 61 customers" in capsys.readouterr().out
    back = tmp_path / "back.sqlite3"
    assert main(["--db-url" if "://" in target else "--db", target, "copy-db", "--to", str(back)]) == 0
    copied = Database.open(back)
    try:
        assert customers.count_customers(copied) == 61
        found = customers.list_customers(copied, CustomerFilter(query="shanxiongxin"))
        assert [c.tags for c in found] == [("VIP",)]
        assert customers.list_customers(copied, CustomerFilter(query="雄"))[0].name == "单雄信"
        customers.create_customer(copied, Customer(name="新来的"))  # ids continue after the copied ones
    finally:
        copied.close()
    server = Database.open(target)
    try:
        customers.create_customer(server, Customer(name="服务器上新建"))
    finally:
        server.close()
    assert main(["--db", str(source), "copy-db", "--to", str(back)]) == 2
    assert "already holds customers" in capsys.readouterr().err


def test_bulk_insert_stores_json_as_the_orm_does(sqlite_db: Database) -> None:
    """The bulk path answers empty extras and blank audit values from memory: the stored text must
    be what the ORM stores, and other values serialised as usual."""
    from guestcard.storage import customers as store

    one = customers.create_customer(sqlite_db, Customer(name="单个", extra={"旧列": "值"}))
    with sqlite_db.session() as session:
        (bulk,) = store.bulk_insert_customers(session, [Customer(name="批量", extra={"旧列": "值"})])
        # Latin names without a phone: a chunk with no search terms at all
        (bare, latin) = store.bulk_insert_customers(session, [Customer(name="空白"), Customer(name="Bob")])
    with sqlite_db.engine.connect() as connection:
        stored = dict(connection.exec_driver_sql("SELECT id, extra || '|' || raw FROM customers").all())
        audit = connection.exec_driver_sql(
            "SELECT DISTINCT quote(old), quote(new) FROM customer_changes WHERE action = 'create'"
        ).all()
    assert stored[bulk] == stored[one.id] and stored[bare] == "{}|{}"
    assert audit == [("'null'", "'null'")]  # as the ORM writes a created card's blank old/new
    assert customers.get_customer(sqlite_db, bulk).extra == {"旧列": "值"}
    assert [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query="bob"))] == [latin]


def test_bulk_insert_across_chunks_audits_and_indexes_every_card(sqlite_db: Database) -> None:
    """Chunks of a bulk insert: the search terms of all chunks are written at the end in one pass,
    the created entries of the audit trail by the database (INSERT … SELECT over the new ids)."""
    from guestcard.storage import audit
    from guestcard.storage import customers as store

    earlier = customers.create_customer(sqlite_db, Customer(name="早先", phone="13900000000"))
    batch = [Customer(name=name, phone=f"1380000{n:04d}") for n, name in enumerate(
        ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"))]
    with sqlite_db.session() as session:
        ids = store.bulk_insert_customers(session, batch, chunk=3, action="import", batch_id=None)
        created = {i: audit.changes_of(session, i) for i in (earlier.id, *ids)}
    assert ids == list(range(earlier.id + 1, earlier.id + 8))
    assert [c.action for c in created[earlier.id]] == ["create"]  # not written twice
    for customer_id in ids:
        (entry,) = created[customer_id]
        assert (entry.action, entry.field, entry.old, entry.new) == ("import", None, None, None)
    for customer_id, person, initials in zip(ids, batch, ("zy", "qe", "ss", "ls", "zw", "wl", "zq"), strict=True):
        for query in (initials, person.phone[-4:], person.name):
            assert customer_id in [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query=query))]


def test_bulk_update_sets_only_what_changed_and_search_follows(sqlite_db: Database) -> None:
    from guestcard.storage import customers as store

    one = customers.create_customer(sqlite_db, Customer(name="张三", phone="13812345678", customer_class="C"))
    two = customers.create_customer(sqlite_db, Customer(name="李四", phone="13987654321", customer_class="C"))
    with sqlite_db.session() as session:
        store.bulk_update_customers(
            session,
            [(one, replace(one, customer_class="A")), (two, replace(two, name="王五", phone="13700001111"))],
            action="edit",
            check_versions=True,
        )
    assert customers.get_customer(sqlite_db, one.id).customer_class == "A"
    assert [customers.get_customer(sqlite_db, i).version for i in (one.id, two.id)] == [2, 2]

    def found(query: str) -> list[int]:
        return [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query=query))]

    assert found("王五") == [two.id] and found("wangwu") == [two.id] and found("1111") == [two.id]
    assert found("李四") == [] and found("lisi") == [] and found("4321") == []
    assert found("zhangsan") == [one.id] and found("5678") == [one.id]  # the class change left these
    with sqlite_db.engine.connect() as connection:
        for index in ("customer_name_fts", "customer_other_fts", "customer_phone_fts"):
            connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")


def test_a_server_keeping_pg_trgm_off_the_search_path_still_gets_its_schema(server_url: str) -> None:
    """Extensions in a schema of their own (``ext``), the search path naming only guestcard's:
    the migrations name pg_trgm's operator class with its schema; the server's error would
    otherwise name no backup (local backups are of SQLite files)."""
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    own_schema = url.query["options"].removeprefix("-csearch_path=").split(",")[0]
    only_ours = url.update_query_dict({"options": f"-csearch_path={own_schema}"}).render_as_string(False)
    db = Database.open(only_ours)
    try:
        created = customers.create_customer(db, Customer(name="张三", phone="13812345678"))
        assert [c.id for c in customers.list_customers(db, CustomerFilter(query="2345"))] == [created.id]
        assert db.schema_version() == SCHEMA_HEAD
    finally:
        db.close()


def test_the_core_fields_are_written_once() -> None:
    """domain/model.py's core list is the one the rows, the NUL cleaning and the import merge use:
    each is a Customer attribute and an attribute of the row."""
    from guestcard.domain.model import CORE_ATTRIBUTES, CORE_FIELDS, CORE_TEXT, CUSTOMER_ATTRS, IMPORTED_ATTRIBUTES
    from guestcard.storage.models import CustomerRow

    assert len(CORE_ATTRIBUTES) == len(CORE_FIELDS) and set(CORE_ATTRIBUTES) <= set(CUSTOMER_ATTRS)
    row = set(CustomerRow.__mapper__.attrs.keys())
    assert all(a in row or f"{a}_cents" in row for a in CORE_ATTRIBUTES)  # money is kept in cents
    assert "owner" in CORE_TEXT and "owner" not in IMPORTED_ATTRIBUTES and "birthday" not in CORE_TEXT
    card = Customer(name="张\x00三", owner="李\x00四", notes="a\x00b")
    from guestcard.storage.customers import without_nul

    clean = without_nul(card)
    assert (clean.name, clean.owner, clean.notes) == ("张三", "李四", "ab")
