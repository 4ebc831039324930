"""Customers built in code for the printing tests: Chinese and English, every field type filled."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from guestcard.domain import Contact, Customer, PartialDate, Visit
from guestcard.domain.values import format_phone
from guestcard.forms import FieldSpec, FieldType, FormLibrary, FormSpec, load_library
from guestcard.forms.values import format_date, format_money
from guestcard.paths import shipped_dir

HERE = Path(__file__).parent
TEST_FORMS = HERE / "forms"

LONG_ZH = (
    "王总每次来都坐靠窗的位置，喜欢安静，不喜欢服务员频繁打扰。"
    "宴请客户时习惯提前半小时到店，亲自检查菜单与酒水；对上菜节奏要求很高，冷菜必须在客人落座前摆好，"
    "热菜间隔不超过八分钟。夫人李女士对海鲜过敏（尤其是虾和蟹），孩子不吃辣。"
    "曾在2019年的寿宴上点名表扬过厨师长的佛跳墙，此后每年生日都会预订同一个包房「牡丹厅」。"
    "喜欢的茶是明前龙井，水温八十五度，不加柠檬；饭后习惯来一份杨枝甘露。"
    "结账时不喜欢当着客人的面，请提前准备好签单，发票抬头为“海悦科技有限公司”。"
)
LONG_EN = (
    "Mr Smith always asks for the table by the window and prefers a quiet room without staff "
    "interrupting too often. When he hosts clients he arrives half an hour early to check the menu "
    "and the wine list himself; he expects cold dishes on the table before the guests sit down and no "
    "more than eight minutes between hot dishes. His wife is allergic to shellfish (shrimp and crab "
    "especially) and their son does not eat spicy food. At his 2019 birthday dinner he praised the "
    "head chef's Buddha-jumps-over-the-wall, and he has booked the Peony Room for every birthday since. "
    "He drinks Longjing tea at 85 degrees, no lemon, and likes mango sago pudding after the meal. "
    "Never present the bill at the table: prepare the signing slip in advance."
)


def marked(text: str, tag: object) -> str:
    """``text`` with a unique marker after every clause, so that any lost line is noticed."""
    out, k, since = [], 0, 0
    for i, ch in enumerate(text):
        out.append(ch)
        since += 1
        after = text[i + 1 : i + 2]
        if ch in "，；。" or (since >= 14 and ord(ch) > 0x2E80 and ord(after or "a") > 0x2E80):
            k, since = k + 1, 0
            out.append(f"<{tag}.{k}>")
        elif (ch in ",;." and after == " ") or (ch == " " and since >= 28):
            k, since = k + 1, 0
            out.append(f" <{tag}.{k}>" if ch != " " else f"<{tag}.{k}> ")
    return "".join(out)


def library() -> FormLibrary:
    """The shipped forms plus the test form with every field type."""
    return load_library(shipped_dir("forms"), [TEST_FORMS])


def chinese_customer(long: int = 3) -> Customer:
    return Customer(
        id=1,
        name="王建国",
        honorific="王总",
        kind="individual",
        gender="male",
        phone="13812345678",
        email="wang.jianguo@haiyue-tech.cn",
        birthday=PartialDate(3, 2, 1968),
        anniversary=PartialDate(10, 1),
        company="海悦科技有限公司",
        position="董事长",
        address="上海市浦东新区世纪大道100号",
        customer_class="A",
        annual_spend=Decimal("128000"),
        favorite_dishes="佛跳墙、清蒸东星斑、脆皮乳鸽",
        favorite_drinks="飞天茅台（53度），明前龙井",
        allergies="夫人对虾蟹过敏；孩子不吃辣",
        notes=marked(LONG_ZH * long, "n"),
        tags=("VIP", "寿宴"),
        fields={
            "other_phones": "02168881234",
            "anniversary_note": "结婚纪念日",
            "preferred_seat": "牡丹厅靠窗主位",
            "special_preferences": "上菜前先上热毛巾；不要香菜。",
            "family_members": "夫人李秀英（对海鲜过敏），儿子王小明（12岁，不吃辣）",
            "pt_id_number": "310101196803020011",
            "pt_credit_limit": "50000",
            "pt_party_size": 8,
            "pt_smoker": False,
            "pt_drives": True,
            "pt_cuisines": ["yue", "huaiyang"],
            "pt_first_visit": "2015-06-18",
            "pt_deposit": "20000.5",
            "pt_secret_note": "消费能力强但结账慢，签单需总经理批准",
            "pt_story": marked(LONG_ZH, "s"),
        },
    )


def english_customer(long: int = 3) -> Customer:
    return Customer(
        id=2,
        name="John Smith",
        honorific="Mr Smith",
        gender="male",
        phone="+447911123456",
        email="john.smith@example.co.uk",
        birthday=PartialDate(11, 23, 1975),
        anniversary=PartialDate(6, 14),
        company="Smith & Partners Ltd",
        position="Managing Director",
        address="12 Harbour Road, Wan Chai",
        customer_class="B",
        annual_spend=Decimal("56800.50"),
        favorite_dishes="Peking duck, steamed grouper",
        favorite_drinks="Chateau Margaux 2005; Longjing tea",
        allergies="Wife: shellfish; son: no chilli",
        notes=marked(LONG_EN * long, "n"),
        tags=("regular",),
        fields={
            "other_phones": "01012345678",
            "anniversary_note": "Wedding",
            "preferred_seat": "Peony Room, window seat",
            "special_preferences": "Hot towels first; no coriander.",
            "family_members": "Wife Mary (shellfish allergy), son Tom (12, no chilli)",
            "pt_id_number": "GB-PASSPORT-550011",
            "pt_credit_limit": "75000",
            "pt_party_size": 4,
            "pt_smoker": True,
            "pt_drives": False,
            "pt_cuisines": ["western", "chuan"],
            "pt_first_visit": "2018-09-03",
            "pt_deposit": "1234567.25",
            "pt_secret_note": "Pays late; signing needs GM approval",
            "pt_story": marked(LONG_EN, "s"),
        },
    )


def visits(customer_id: int, count: int = 7) -> list[Visit]:
    rooms = ["牡丹厅", "Peony Room", "大厅8号桌", "兰花厅"]
    out = []
    for i in range(count):
        out.append(
            Visit(
                customer_id=customer_id,
                at=dt.datetime(2024, 1 + i, 10 + i, 18, 30),
                party_size=4 + i,
                room=rooms[i % len(rooms)],
                occasion="商务宴请" if i % 2 else "家宴",
                spend=Decimal(3000 + 1111 * i),
                dishes=f"第{i + 1}次：佛跳墙、东星斑",
                notes="提前半小时到" if i == count - 1 else None,
            )
        )
    # A reservation in the future: shown in the header, not in the history table.
    out.append(
        Visit(
            customer_id=customer_id, at=dt.datetime(2099, 6, 18, 18, 30), party_size=10, room="牡丹厅", occasion="寿宴"
        )
    )
    return out


def contacts(customer_id: int, count: int = 3) -> list[Contact]:
    return [
        Contact(
            customer_id=customer_id,
            date=dt.date(2024, 5, 1 + i),
            channel="电话",
            key_points=f"确认第{i + 1}场寿宴菜单，预算每桌八千",
            intent="高",
            next_follow_up=dt.date(2024, 6, 1 + i),
            follow_up_done=i == 0,
        )
        for i in range(count)
    ]


def photo_bytes(size: tuple[int, int] = (120, 160)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (200, 215, 230))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.45), fill=(90, 100, 120))
    draw.rectangle((w * 0.2, h * 0.5, w * 0.8, h), fill=(90, 100, 120))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# --- filling any form ---------------------------------------------------------------------------


def sample_value(spec: FieldSpec, i: int, lang: str, long_text: str) -> tuple[Any, list[str]]:
    """A distinct value for field number ``i`` and the strings the card must show for it."""
    kind = spec.type
    zh = lang == "zh"
    if kind is FieldType.TEXT:
        value = f"文本{i:03d}号" if zh else f"Text{i:03d}x"
        if spec.key == "name":
            value = "赵六测试" if zh else "Alice Tester"
        return value, [value]
    if kind is FieldType.LONGTEXT:
        value = f"长文{i:03d}：" + marked(long_text, i) if zh else f"Long{i:03d}: " + marked(long_text, i)
        return value, [value]
    if kind is FieldType.DATE:
        date = PartialDate(1 + i % 12, 1 + i % 28, 1950 + i)
        value = date if spec.core else date.iso()
        return value, [format_date(date, lang)]
    if kind is FieldType.PHONE:
        value = f"139{i:08d}"
        return value, [format_phone(value)]
    if kind is FieldType.EMAIL:
        value = f"guest{i:03d}@example.com"
        return value, [value]
    if kind is FieldType.NUMBER:
        return 700 + i, [str(700 + i)]
    if kind is FieldType.MONEY:
        amount = Decimal(f"{10000 + 137 * i}.50")
        return (amount if spec.core else str(amount)), [format_money(amount, lang)]
    if kind is FieldType.CHOICE:
        choice = spec.choices[-1]
        return choice.value, [choice.label.text(lang)]
    if kind is FieldType.MULTICHOICE:
        picked = [spec.choices[0], spec.choices[-1]]
        return [c.value for c in picked], [c.label.text(lang) for c in picked]
    if kind is FieldType.BOOL:
        return True, ["是" if zh else "Yes"]
    raise AssertionError(kind)


def filled_for_form(
    form: FormSpec, lang: str, *, long_text: str | None = None
) -> tuple[Customer, dict[str, list[str]]]:
    """A customer with every field of ``form`` filled, and the shown strings by field key."""
    long_text = long_text if long_text is not None else (LONG_ZH if lang == "zh" else LONG_EN)
    values: dict[str, Any] = {}
    expected: dict[str, list[str]] = {}
    for i, spec in enumerate(form.fields()):
        value, shown = sample_value(spec, i, lang, long_text)
        values[spec.key] = value
        expected[spec.key] = shown
    name = values.pop("name", "赵六测试" if lang == "zh" else "Alice Tester")
    customer = Customer(name=name, id=99).with_values(values)
    expected.setdefault("name", [name])
    return customer, expected
