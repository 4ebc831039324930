"""Fabricated but realistic guests, visits and contacts: the demo database and the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from guestcard.domain import lunar
from guestcard.domain.model import Contact, Customer, Visit
from guestcard.domain.values import PartialDate
from guestcard.services import demo_staff
from guestcard.services.demo_accounts import add_demo_accounts
from guestcard.services.demo_duplicates import add_demo_duplicates
from guestcard.storage import Database, history
from guestcard.storage import customers as store

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕婷宇浩然子"
    "涵欣怡梓轩一诺雨桐晨曦思远俊杰文博嘉怡"
)
COMPANIES = (
    "华润置地",
    "招商银行",
    "中国移动",
    "万科集团",
    "国家电网",
    "腾讯科技",
    "平安保险",
    "市人民医院",
    "市教育局",
    "海尔集团",
    "工商银行",
    "中铁建设",
    "美的集团",
    "省农科院",
    "永辉超市",
    "比亚迪",
    "格力电器",
    "区政府办公室",
    "新东方教育",
    "顺丰速运",
    "长城律师事务所",
    "锦江国际",
    "东方航空",
    "红星美凯龙",
)
POSITIONS = ("总经理", "董事长", "副总", "主任", "局长", "处长", "经理", "总监", "院长", "校长", "科长", "秘书长")
DISHES = (
    "清蒸石斑鱼",
    "北京烤鸭",
    "红烧肉",
    "佛跳墙",
    "白切鸡",
    "松鼠桂鱼",
    "糖醋排骨",
    "宫保鸡丁",
    "蟹黄豆腐",
    "东坡肉",
    "剁椒鱼头",
    "麻婆豆腐",
    "上汤娃娃菜",
    "避风塘炒蟹",
    "鲍汁扣辽参",
    "椒盐皮皮虾",
    "老火靓汤",
    "水晶虾饺",
)
DRINKS = ("茅台", "五粮液", "拉菲红酒", "青岛啤酒", "普洱茶", "龙井茶", "胡萝卜汁", "鲜榨橙汁", "苏打水", "黄酒")
ALLERGIES = ("海鲜过敏", "不吃香菜", "不吃辣", "忌葱姜蒜", "花生过敏", "素食", "不吃牛肉", "少油少盐", "乳糖不耐")
ROOMS = ("牡丹厅", "芙蓉厅", "兰亭", "竹韵", "梅园", "大厅8号桌", "大厅12号桌", "VIP1", "VIP2", "荷花厅")
OCCASIONS = ("商务宴请", "家宴", "生日宴", "朋友聚会", "寿宴", "婚宴", "公司年会", "接待")
CHANNELS = ("电话", "微信", "到店", "短信", "拜访")
INTENTS = ("O", "A", "B", "C", "D")
KEY_POINTS = (
    "询问包房档期",
    "预订周末家宴",
    "反馈上次菜品偏咸",
    "咨询年会套餐",
    "生日祝福",
    "推荐新菜单",
    "确认宴会菜单",
    "商谈协议价",
    "邀请参加品鉴会",
)


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "136", "158", "186", "177", "150", "189")) + f"{rng.randrange(10**8):08d}"


def fake_customer(rng: random.Random) -> Customer:
    corporate = rng.random() < 0.08
    if corporate:
        name = rng.choice(COMPANIES) + rng.choice(("有限公司", "分公司", "办事处", ""))
        return Customer(
            name=name,
            kind="corporate",
            phone="0" + str(rng.randrange(10, 999)) + f"{rng.randrange(10**7):08d}",
            customer_class="B",
            address=f"人民路{rng.randrange(1, 999)}号",
            notes="单位协议客户",
            annual_spend=Decimal(rng.randrange(20, 400) * 1000),
            fields={"contact_persons": f"{rng.choice(SURNAMES)}经理 {_phone(rng)}"},
        )
    surname = rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    male = rng.random() < 0.6
    position = rng.choice(POSITIONS)
    year = rng.choice((None, *range(1950, 2001)))
    birthday = PartialDate(rng.randint(1, 12), rng.randint(1, 28), year) if rng.random() < 0.85 else None
    customer_class = rng.choices("ABC", weights=(15, 35, 50))[0]
    return Customer(
        name=surname + given,
        honorific=surname
        + (position[-2:] if position.endswith("总") else rng.choice(("总", "先生") if male else ("女士", "总"))),
        gender="male" if male else "female",
        phone=_phone(rng),
        birthday=birthday,
        anniversary=PartialDate(rng.randint(1, 12), rng.randint(1, 28), rng.randint(1980, 2020))
        if rng.random() < 0.3
        else None,
        company=rng.choice(COMPANIES),
        position=position,
        customer_class=customer_class,
        annual_spend=Decimal(rng.randrange(1, 200) * {"A": 1000, "B": 300, "C": 50}[customer_class]),
        favorite_dishes="、".join(rng.sample(DISHES, rng.randint(1, 3))),
        favorite_drinks="、".join(rng.sample(DRINKS, rng.randint(1, 2))),
        allergies=rng.choice(ALLERGIES) if rng.random() < 0.4 else None,
        notes=rng.choice(
            (None, "喜欢安静的包房", "每次都要一杯胡萝卜汁", "司机需要安排用餐", "不喜欢靠门的位置", "常带客户来谈生意")
        ),
        fields={"preferred_seat": rng.choice(ROOMS)} if rng.random() < 0.6 else {},
        address=_home_address(surname + given, year),
    )


# Home addresses with their postcodes (for labels, envelopes and letters). Drawn from a generator
# of the guest's own, so the rest of the demo (which other tests and the README rely on) is as before.
STREETS = (("北京市朝阳区建国路", "100022"), ("上海市浦东新区世纪大道", "200120"), ("广州市天河区天河路", "510620"),
           ("深圳市福田区深南大道", "518048"), ("杭州市西湖区文三路", "310012"), ("成都市锦江区春熙路", "610021"))


def _home_address(name: str, year: int | None) -> str | None:
    own = random.Random(f"{name}-{year}")
    if own.random() >= 0.7:
        return None
    street, postcode = own.choice(STREETS)
    number, building, flat = own.randrange(1, 300), own.randrange(1, 30), own.randrange(101, 2909)
    return f"{street}{number}号{building}栋{flat}室 {postcode}"


def fake_customers(count: int, seed: int = 1) -> Iterator[Customer]:
    rng = random.Random(seed)
    for _ in range(count):
        yield fake_customer(rng)


def fake_visits(rng: random.Random, customer_id: int, today: dt.date, count: int) -> list[Visit]:
    visits = []
    for _ in range(count):
        days_ago = rng.randint(1, 720)
        at = dt.datetime.combine(
            today - dt.timedelta(days=days_ago), dt.time(rng.choice((11, 12, 18, 19)), rng.choice((0, 30)))
        )
        visits.append(
            Visit(
                customer_id=customer_id,
                at=at,
                party_size=rng.randint(1, 16),
                room=rng.choice(ROOMS),
                occasion=rng.choice(OCCASIONS),
                spend=Decimal(rng.randrange(3, 200) * 100),
                dishes="、".join(rng.sample(DISHES, 3)),
            )
        )
    return visits


def _lunar_birthday(day: dt.date, born: int) -> PartialDate:
    """The lunar date of ``day`` as a birthday: with a birth year when that year has the date."""
    lunar_day = lunar.from_solar(day)
    if not lunar_day.leap and (lunar.month_length(born, lunar_day.month) or 0) >= lunar_day.day:
        return PartialDate.lunar_date(lunar_day.month, lunar_day.day, born)
    return PartialDate.lunar_date(lunar_day.month, lunar_day.day, leap=lunar_day.leap)


def fill_demo(
    db: Database, count: int = 200, *, seed: int = 7, today: dt.date | None = None, duplicates: bool = False,
    staff: bool = True,
) -> int:
    """Fill the database with ``count`` fabricated customers, their visits, contacts and upcoming
    reservations, so a new user sees the program working. Returns the number of customers.
    ``duplicates``: a few of them are second cards of other guests (what the demo shows).
    ``staff``: a staff list, owners, walk-ins and calls, prospects followed up (services.demo_staff)."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    customers = list(fake_customers(count, seed))
    # A few birthdays in the coming week, so the agenda shows something on day one.
    individuals = [i for i, c in enumerate(customers) if c.kind == "individual"]
    for n, i in enumerate(individuals[:40:5]):
        soon = today + dt.timedelta(days=n)
        customers[i] = replace(customers[i], birthday=PartialDate(soon.month, soon.day, 1960 + i))
    # And a few kept by the Chinese calendar (农历), as older guests do: this week's lunar days.
    for n, i in enumerate(individuals[2:40:9]):
        customers[i] = replace(customers[i], birthday=_lunar_birthday(today + dt.timedelta(days=n + 1), 1950 + n * 7))

    if staff:
        customers = demo_staff.with_owners(customers)  # 归属: most cards have an account manager
    with db.session() as session:
        ids = store.bulk_insert_customers(session, customers)
        visits: list[Visit] = []
        contacts: list[Contact] = []
        for customer_id in ids:
            visits += fake_visits(rng, customer_id, today, rng.randint(0, 8))
            if rng.random() < 0.5:
                day = today - dt.timedelta(days=rng.randint(0, 60))
                follow = day + dt.timedelta(days=rng.randint(3, 30)) if rng.random() < 0.6 else None
                contacts.append(
                    Contact(
                        customer_id=customer_id,
                        date=day,
                        channel=rng.choice(CHANNELS),
                        key_points=rng.choice(KEY_POINTS),
                        intent=rng.choice(INTENTS),
                        next_follow_up=follow,
                    )
                )
        for offset, customer_id in enumerate(rng.sample(ids, min(12, count))):
            day = today + dt.timedelta(days=offset % 3)
            at = dt.datetime.combine(day, dt.time(rng.choice((11, 12, 17, 18, 19)), rng.choice((0, 30))))
            visits.append(
                Visit(
                    customer_id=customer_id,
                    at=at,
                    party_size=rng.randint(2, 20),
                    room=rng.choice(ROOMS),
                    occasion=rng.choice(OCCASIONS),
                    notes="预订",
                )
            )
        history.bulk_insert_visits(session, visits)
        history.bulk_insert_contacts(session, contacts)

    add_demo_accounts(db, today)  # a few companies sign for their meals (挂账)
    if staff:  # the staff list, the register of walk-ins and calls, prospects followed up by the rules
        demo_staff.add_demo_work(db, today, [replace(c, id=i) for c, i in zip(customers, ids, strict=True)])
    if duplicates:
        add_demo_duplicates(db, today)  # a few guests typed in twice ("Possible duplicates")
    return count
