import pytest

from guestcard.domain import Customer
from guestcard.services import customers
from guestcard.storage import CustomerFilter, Database
from guestcard.storage.search_index import (
    fts_terms,
    name_pinyin,
    name_sort_key,
    phone_query,
    search_other,
    spaced,
    term_query,
)

PEOPLE = [
    Customer(name="张三", phone="13812345678", company="华润置地", customer_class="A"),
    Customer(name="张三丰", phone="13987654321", company="武当集团", favorite_dishes="清蒸石斑鱼"),
    Customer(name="李张", phone="13700001111", notes="每次都要胡萝卜汁"),
    Customer(name="单雄信", phone="13600002222", customer_class="B"),
    Customer(name="曾国藩", phone="01012345678", kind="individual"),
    Customer(name="欧阳娜娜", phone="15800003333", company="腾讯科技"),
    Customer(name="John Smith", phone="+14155550100", company="Acme Hotels"),
    Customer(name="方志远", phone="13500004444"),
    Customer(name="汪峰", phone="13500005555"),
    Customer(name="华润置地有限公司", kind="corporate", phone="075587654321", customer_class="B"),
]


@pytest.fixture
def people(db: Database) -> Database:
    for person in PEOPLE:
        customers.create_customer(db, person)
    return db


def names(db: Database, query: str, **filters: str) -> list[str]:
    return [c.name for c in customers.list_customers(db, CustomerFilter(query=query, **filters))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", {"张三", "张三丰", "李张"}),  # one character, anywhere in the name
        ("三", {"张三", "张三丰"}),
        ("张三", {"张三", "张三丰"}),  # two characters
        ("三丰", {"张三丰"}),
        ("欧阳娜", {"欧阳娜娜"}),  # three
        ("阳娜娜", {"欧阳娜娜"}),
        ("石斑", {"张三丰"}),  # a dish
        ("胡萝卜", {"李张"}),  # notes
        ("华润", {"张三", "华润置地有限公司"}),  # company
        ("腾讯", {"欧阳娜娜"}),
    ],
)
def test_chinese_queries_of_any_length(people: Database, query: str, expected: set[str]) -> None:
    assert set(names(people, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zhangsan", {"张三", "张三丰"}),
        ("zhang", {"张三", "张三丰", "李张"}),
        ("zs", {"张三", "张三丰"}),  # initials are prefixes too: typing on to "zsf"
        ("zsf", {"张三丰"}),
        ("ZhangSanFeng", {"张三丰"}),
        ("shanxiongxin", {"单雄信"}),  # heteronym surname 单: shan
        ("danxiongxin", {"单雄信"}),  # …and the common reading still works
        ("sxx", {"单雄信"}),
        ("zengguofan", {"曾国藩"}),  # 曾 zeng, not ceng
        ("zgf", {"曾国藩"}),
        ("fangzhiyuan", {"方志远"}),
        ("wang", {"汪峰"}),  # 方 has wang among pypinyin's rare readings: not a surname reading
        ("ouyang", {"欧阳娜娜"}),
        ("oynn", {"欧阳娜娜"}),
        ("smith", {"John Smith"}),
        ("acme", {"John Smith"}),
    ],
)
def test_pinyin_initials_and_latin(people: Database, query: str, expected: set[str]) -> None:
    assert set(names(people, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5678", {"张三", "曾国藩"}),
        ("1234", {"张三", "曾国藩"}),
        ("138 1234", {"张三"}),
        ("13812345678", {"张三"}),
        ("+86 138-1234-5678", {"张三"}),
        ("8765", {"张三丰", "华润置地有限公司"}),
        ("0755", {"华润置地有限公司"}),
    ],
)
def test_phone_fragments(people: Database, query: str, expected: set[str]) -> None:
    assert set(names(people, query)) == expected


def test_a_number_ending_in_the_digits_ranks_first(db: Database) -> None:
    """"The guest whose number ends in 4321": the ones ending so come before the ones merely
    holding the digits, whichever is newer; an exact number first of all; other phones count."""
    for person in (
        Customer(name="甲", phone="13943210000"),
        Customer(name="乙", phone="13900004321"),
        Customer(name="丙", phone="18843219999"),
        Customer(name="丁", phone="13655554444", fields={"other_phones": "010-8888 4321"}),
        Customer(name="戊", phone="4321"),
    ):
        customers.create_customer(db, person)
    found = names(db, "4321")
    assert found[0] == "戊" and set(found[1:3]) == {"乙", "丁"} and set(found[3:]) == {"甲", "丙"}
    assert names(db, "5555 4444") == ["丁"] and names(db, "010 8888") == ["丁"]
    assert names(db, "44444321") == []  # never across two numbers


def test_the_oldest_number_ending_in_the_digits_beats_newer_ones_holding_them(db: Database) -> None:
    """Asked for fewer than there are: the ending ones are picked among all matches, not among
    the newest few."""
    customers.create_customer(db, Customer(name="老客", phone="13900004321"))
    for n in range(5):
        customers.create_customer(db, Customer(name=f"新客{n}", phone=f"1364321000{n}"))
    few = [c.name for c in customers.list_customers(db, CustomerFilter(query="4321"), limit=2)]
    assert few[0] == "老客" and few[1].startswith("新客")


def test_exact_name_ranks_first(people: Database) -> None:
    assert names(people, "张三")[0] == "张三"
    assert names(people, "zhangsan")[0] == "张三"
    # Names starting with the query come before names merely containing it.
    assert names(people, "张")[:2] in (["张三", "张三丰"], ["张三丰", "张三"])
    assert names(people, "张")[2] == "李张"


def test_filters_combine_with_search(people: Database) -> None:
    assert set(names(people, "华润", customer_class="B")) == {"华润置地有限公司"}
    assert set(names(people, "华润", kind="individual")) == {"张三"}
    assert set(names(people, "", customer_class="B")) == {"单雄信", "华润置地有限公司"}


def test_search_follows_edits_and_deletes(people: Database) -> None:
    target = customers.list_customers(people, CustomerFilter(query="单雄信"))[0]
    customers.update_customer(people, target.id, {"name": "秦琼", "phone": "13600009999"})
    assert names(people, "单雄") == []
    assert names(people, "qinqiong") == ["秦琼"]
    assert names(people, "9999") == ["秦琼"]
    customers.delete_customer(people, target.id)
    assert names(people, "秦") == []


def test_queries_with_fts_syntax_are_plain_text(people: Database) -> None:
    for hostile in ('"', "AND", "张 OR 李", "*", "NEAR(", "-", "'; DROP TABLE customers; --", "^张"):
        customers.list_customers(people, CustomerFilter(query=hostile))
    assert customers.count_customers(people) == len(PEOPLE)


def test_query_building() -> None:
    assert fts_terms("张三") == ['"张 三"']
    assert fts_terms("wang 总") == ['"wang"*', '"总"']
    assert phone_query("138-1234") == "1381234" and phone_query("123") is None and phone_query("张") is None
    syllables, terms = name_pinyin("单雄信")
    assert {"shan", "dan", "xiong", "xin"} <= set(syllables.split())
    assert {"shanxiongxin", "danxiongxin", "sxx", "dxx", "xiongxin"} <= set(terms)
    assert term_query("Zhang San") == "zhangsan" and term_query("138 1234") is None and term_query("张") is None


@pytest.mark.parametrize(
    "values",
    [
        ("华润置地", "总经理", "清蒸石斑鱼、佛跳墙", None, "", "海鲜过敏"),
        ("  ", "ＡＢＣ　公司", "Ｍｒ.王", "\u3000", "e\u0301"),  # blanks, full width, a combining accent
        ("one", "two  words", "x@y.cn"),
        (),
    ],
)
def test_other_values_spaced_one_by_one_as_if_joined(values: tuple[str | None, ...]) -> None:
    """search_other spaces each value on its own (values recur: each is spaced once); the text must
    be what spacing them joined gives."""
    assert search_other(values) == spaced(" ".join(v for v in values if v))


ADDRESS_BOOK = ["阿杰", "Bob", "John Smith", "johnny", "李四", "林青", "欧阳娜娜", "单雄信", "王五", "曾国藩",
                "zhang", "张三", "张三丰", "赵六"]


def test_names_sort_as_in_a_chinese_address_book() -> None:
    """By pinyin syllable by syllable (li before lin, 张三 before 张三丰), surnames by their surname
    reading (单 shan, 曾 zeng), Latin names among them; not by code point (张 U+5F20 < 李 U+674E)."""
    assert sorted(reversed(ADDRESS_BOOK), key=name_sort_key) == ADDRESS_BOOK
    assert sorted(ADDRESS_BOOK) != ADDRESS_BOOK  # code-point order is another one


def test_the_list_and_the_name_column_sort_by_pinyin(db: Database) -> None:
    from guestcard.services.browsing import sorted_customer_ids

    for name in reversed(ADDRESS_BOOK):
        customers.create_customer(db, Customer(name=name))
    assert [c.name for c in customers.list_customers(db)] == ADDRESS_BOOK
    assert [c.name for c in customers.list_customers(db, limit=3, offset=4)] == ADDRESS_BOOK[4:7]
    by_id = {c.id: c.name for c in customers.list_customers(db)}
    assert [by_id[i] for i in sorted_customer_ids(db, sort="name")] == ADDRESS_BOOK
    assert [by_id[i] for i in sorted_customer_ids(db, sort="name", descending=True)] == ADDRESS_BOOK[::-1]
    assert [by_id[i] for i in sorted_customer_ids(db, CustomerFilter(query="张"), sort="name")] == ["张三", "张三丰"]
    renamed = customers.list_customers(db, CustomerFilter(query="阿杰"))[0]
    customers.update_customer(db, renamed.id, {"name": "钟杰"})  # zhong: now last
    assert [c.name for c in customers.list_customers(db)][-1] == "钟杰"
