"""Benchmark: 1,000 filled guest_history cards against bare reportlab drawing the same strings.

    python bench/bench_print.py [--cards 1000] [--rounds 3] [--size A4]

1. ``render_cards`` prints the cards (layout, grid, checkboxes, tables, outline, atomic write)
   and records every string it draws with its position, size and sheet.
2. The baseline replays exactly those strings with a bare ``canvas.drawString`` loop: same font,
   same sizes, same positions, same pages, same ``save()`` (font subsetting and compression).
3. Peak memory is the maximum resident set of a fresh process that prints the cards streamed
   from a generator, the way ``guestcard print`` does.

Target: guestcard within 1.5x of the bare drawing, peak memory at most 200 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from guestcard.domain import Contact, Customer, PartialDate, Visit
from guestcard.forms import load_library
from guestcard.paths import shipped_dir
from guestcard.printing import CardData, PrintOptions, load_font, render_cards
from guestcard.printing.render import binary_streams

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰志红"
DISHES = [
    "佛跳墙",
    "清蒸东星斑",
    "脆皮乳鸽",
    "白切鸡",
    "北京烤鸭",
    "松鼠桂鱼",
    "蟹粉狮子头",
    "东坡肉",
    "龙井虾仁",
    "白灼菜心",
    "杨枝甘露",
    "叉烧包",
    "Peking duck",
    "dim sum",
]
DRINKS = ["飞天茅台", "五粮液", "明前龙井", "普洱", "Chateau Margaux 2005", "青岛啤酒", "鲜榨橙汁"]
ROOMS = ["牡丹厅", "兰花厅", "芙蓉厅", "大厅8号桌", "Peony Room", "VIP 1"]
NOTES = (
    "喜欢靠窗安静的位置，不喜欢服务员频繁打扰；宴请客户时习惯提前半小时到店，亲自检查菜单与酒水。"
    "夫人对海鲜过敏（尤其是虾和蟹），孩子不吃辣。结账时请提前准备好签单，发票抬头为“{company}”。"
)


def make_card(i: int, rng: random.Random) -> CardData:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    company = f"{rng.choice(['海悦', '华星', '东方', '鼎盛', '恒通'])}{rng.choice(['科技', '贸易', '实业'])}有限公司"
    customer = Customer(
        id=i,
        name=name,
        honorific=name[0] + rng.choice(["总", "董", "先生", "女士"]),
        gender=rng.choice(["male", "female"]),
        phone=f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
        email=f"guest{i}@example.com",
        birthday=PartialDate(rng.randint(1, 12), rng.randint(1, 28), rng.randint(1950, 2000)),
        anniversary=PartialDate(rng.randint(1, 12), rng.randint(1, 28)),
        company=company,
        position=rng.choice(["董事长", "总经理", "财务总监", "Managing Director"]),
        customer_class=rng.choice("ABC"),
        annual_spend=Decimal(rng.randint(5, 500) * 1000),
        favorite_dishes="、".join(rng.sample(DISHES, 3)),
        favorite_drinks="，".join(rng.sample(DRINKS, 2)),
        allergies=rng.choice(["不吃辣", "海鲜过敏", "不吃香菜；少盐", "无"]),
        notes=NOTES.format(company=company) * rng.randint(1, 2),
        tags=("VIP",) if rng.random() < 0.3 else (),
        fields={
            "other_phones": f"021{rng.randint(10_000_000, 99_999_999)}",
            "anniversary_note": rng.choice(["结婚纪念日", "公司成立日"]),
            "preferred_seat": rng.choice(ROOMS) + "靠窗",
            "special_preferences": "上菜前先上热毛巾；不要香菜。",
            "family_members": "夫人（对海鲜过敏），儿子（12岁，不吃辣）",
        },
    )
    visits = [
        Visit(
            customer_id=i,
            at=dt.datetime(2024, 1 + k, 1 + k, 18, 30),
            party_size=rng.randint(2, 20),
            room=rng.choice(ROOMS),
            occasion=rng.choice(["家宴", "商务宴请", "寿宴"]),
            spend=Decimal(rng.randint(1, 30) * 500),
            dishes="、".join(rng.sample(DISHES, 2)),
        )
        for k in range(6)
    ]
    contacts = [
        Contact(
            customer_id=i,
            date=dt.date(2024, 5, 1 + k),
            channel="电话",
            key_points="确认寿宴菜单，预算每桌八千",
            intent="高",
        )
        for k in range(2)
    ]
    return CardData(customer, visits, contacts)


def cards(n: int, seed: int = 7) -> Iterator[CardData]:
    rng = random.Random(seed)
    for i in range(n):
        yield make_card(i, rng)


def bare_drawing(
    path: Path, trace: list[tuple[int, float, float, str, float]], font_name: str, pagesize: tuple[float, float]
) -> int:
    """The same strings at the same positions, sizes and pages, with nothing else."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=pagesize, invariant=0, initialFontName=font_name, initialFontSize=10)
    sheet, size = 0, None
    pages = 1
    for page, x, y, text, font_size in trace:
        if page != sheet:
            canvas.showPage()
            sheet, size = page, None
            pages += 1
        if font_size != size:
            canvas.setFont(font_name, font_size)
            size = font_size
        canvas.drawString(x, y, text)
    canvas.showPage()
    canvas.save()
    return pages


def layout_only(data: list[CardData], library, options: PrintOptions, font) -> float:
    """Seconds spent laying the cards out (no PDF): the part of the work bare drawing does not do."""
    from guestcard.printing.card_pages import add_footers
    from guestcard.printing.layout import CardLayout
    from guestcard.printing.metrics import metrics_for
    from guestcard.printing.render import LAYOUTS

    paper, _, size_mm = LAYOUTS[options.size]
    layout = CardLayout(
        library.form(options.form_id), library, options, font, metrics_for(paper, options.landscape, size_mm)
    )
    start = time.perf_counter()
    for card in data:
        add_footers(layout, layout.layout(card), dt.date.today(), False)
    return time.perf_counter() - start


def memory_child(n: int, size: str) -> None:
    """Print ``n`` cards streamed from a generator in a fresh process; report peak RSS in MB."""
    import resource

    library = load_library(shipped_dir("forms"))
    with tempfile.TemporaryDirectory() as folder:
        render_cards(Path(folder) / "cards.pdf", cards(n), library, PrintOptions(size=size, restaurant="海悦大酒店"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="A4")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.cards, args.size)
        return

    # Memory first, while this process is small: Linux keeps a parent's peak RSS in a child's ru_maxrss.
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", "--cards", str(args.cards), "--size", args.size],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    peak_mb = float(child.stdout.strip().splitlines()[-1])
    library = load_library(shipped_dir("forms"))
    font = load_font()  # registered once per process, for both runs
    data = list(cards(args.cards))
    options = PrintOptions(size=args.size, restaurant="海悦大酒店 · 中餐厅")
    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        out, base = Path(folder) / "cards.pdf", Path(folder) / "bare.pdf"
        for _ in range(args.rounds):
            trace: list[tuple[int, float, float, str, float]] = []
            start = time.perf_counter()
            pages = render_cards(out, data, library, options, font=font, trace=trace)
            ours.append(time.perf_counter() - start)
            from pypdf import PdfReader

            pagesize = tuple(float(v) for v in PdfReader(out).pages[0].mediabox[2:])
            start = time.perf_counter()
            with binary_streams():  # the same stream encoding guestcard uses, for a like-for-like file
                bare_pages = bare_drawing(base, trace, font.name, pagesize)
            bare.append(time.perf_counter() - start)
            assert bare_pages == pages, (bare_pages, pages)
        ours_size, bare_size = out.stat().st_size, base.stat().st_size
    t_layout = layout_only(data, library, options, font)
    t_ours, t_bare = statistics.median(ours), statistics.median(bare)
    ratio = t_ours / t_bare
    print(
        f"cards: {args.cards} guest_history, {args.size}, {pages} pages, {len(trace)} strings,"
        f" font {font.source.path.name}"
    )
    print(
        f"guestcard render_cards: {t_ours:.2f} s median of {args.rounds} (runs {', '.join(f'{t:.2f}' for t in ours)}),"
        f" {args.cards / t_ours:.0f} cards/s, {ours_size / 1e6:.1f} MB PDF"
    )
    print(
        f"bare drawString loop:   {t_bare:.2f} s median of {args.rounds} (runs {', '.join(f'{t:.2f}' for t in bare)}),"
        f" {bare_size / 1e6:.1f} MB PDF"
    )
    print(f"  of which layout alone (wrapping, grid, pagination, no PDF): {t_layout:.2f} s")
    print(f"ratio: {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER'}")
    print(
        f"peak memory (fresh process, streamed cards): {peak_mb:.0f} MB (target <= 200 MB)"
        f" {'OK' if peak_mb <= 200 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
