"""Generate a legacy-style guest list: ``python bench/make_legacy_xlsx.py OUT.xlsx [ROWS]``.

What restaurants really keep: a merged title row (``XX大酒店客户档案（2015）``), a note row and a
blank row above the header, a 序号 column, Chinese text, phones typed as numbers (Excel keeps them
as floats) or as text with spaces, dashes and ``+86``, birthdays as date cells, Excel serials,
``1985年3月2日``, ``3月2日`` and impossible dates, classes like ``VIP``/``A类``/``散客``, money like
``¥12,800.00`` and ``1.28万``, a column no form knows (客户来源), a subtotal row every 1,000 rows
and a repeated header every 5,000. Deterministic (seeded), written with openpyxl's write-only
mode, the merged title patched into the sheet XML afterwards (write-only cannot merge).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook

HEADER = ["序号", "姓名", "性别", "手机", "生日", "工作单位", "职务", "客户类别", "年消费额",
          "爱吃的菜", "酒水", "忌口", "备注", "常用包房", "客户来源"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海波"
COMPANIES = ["华润置地", "中国银行江城支行", "江城市财政局", "恒丰贸易有限公司", "新世纪传媒", "本地个体户",
             "江城第一人民医院", "远航物流", "金鼎律师事务所", "😀 创意工作室"]
POSITIONS = ["总经理", "副总", "处长", "主任", "董事长", "经理", "科长", "", "局长", "院长"]
CLASSES = ["A", "A类", "VIP", "B类", "单位客户", "C", "散客", "新客户", "重要客户", "？"]
DISHES = ["清蒸鲈鱼、白灼虾", "红烧肉", "佛跳墙、东坡肉", "素菜为主", "", "麻婆豆腐，水煮鱼", "海鲜"]
DRINKS = ["茅台", "五粮液", "红酒（拉菲）", "不喝酒", "", "普洱茶", "啤酒"]
ALLERGIES = ["", "", "海鲜过敏", "不吃辣", "忌葱姜蒜", "花生过敏", ""]
ROOMS = ["牡丹厅", "芙蓉厅", "1号包房", "大厅靠窗", "", "VIP2"]
SOURCES = ["转介绍", "来电", "美团", "到店、微信", "", "活动", "微信"]


def _phone(rng: random.Random) -> object:
    digits = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
    style = rng.random()
    if style < 0.55:
        return int(digits)  # typed as a number: Excel keeps a float
    if style < 0.7:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if style < 0.8:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style < 0.87:
        return f"+86 {digits}"
    if style < 0.93:
        return f"0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}"
    if style < 0.97:
        return digits
    return "无"


def _birthday(rng: random.Random) -> object:
    day = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))
    style = rng.random()
    if style < 0.5:
        return dt.datetime(day.year, day.month, day.day)
    if style < 0.6:
        return (day - dt.date(1899, 12, 30)).days  # an Excel serial in a general-format cell
    if style < 0.7:
        return f"{day.year}年{day.month}月{day.day}日"
    if style < 0.78:
        return f"{day.month}月{day.day}日"
    if style < 0.85:
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if style < 0.9:
        return f"{day.year % 100:02d}-{day.month}-{day.day}"
    if style < 0.93:
        return "1985-02-30"
    return None


def _money(rng: random.Random) -> object:
    amount = rng.randint(0, 500) * 100
    style = rng.random()
    if style < 0.5:
        return amount
    if style < 0.7:
        return f"¥{amount:,.2f}"
    if style < 0.8:
        return f"{amount / 10000:g}万"
    if style < 0.9:
        return f"{amount}元"
    if style < 0.95:
        return None
    return "不详"


def rows(count: int, seed: int = 2015) -> Iterator[list[object]]:
    rng = random.Random(seed)
    for i in range(1, count + 1):
        if i % 5000 == 0:
            yield list(HEADER)
        if i % 1000 == 0:
            yield ["小计", None, None, None, None, None, None, None, rng.randint(10**5, 10**6)]
        if i % 777 == 0:
            yield []
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        yield [
            i, name, rng.choice("男女") if rng.random() < 0.9 else rng.choice(["先生", "女士", ""]),
            _phone(rng), _birthday(rng), rng.choice(COMPANIES), rng.choice(POSITIONS),
            rng.choice(CLASSES), _money(rng), rng.choice(DISHES), rng.choice(DRINKS),
            rng.choice(ALLERGIES), "生日送长寿面" if rng.random() < 0.05 else None,
            rng.choice(ROOMS), rng.choice(SOURCES),
        ]


def make(path: Path, count: int = 100_000, seed: int = 2015) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户档案")
    ws.append(["江城大酒店客户档案（2015）"])
    ws.append(["制表：餐饮部    日期：2015年12月31日    注：生日一栏有的只记了月日"])
    ws.append([])
    ws.append(HEADER)
    for row in rows(count, seed):
        ws.append(row)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    wb.save(tmp)
    _merge_title(Path(tmp), path, f"A1:{chr(ord('A') + len(HEADER) - 1)}1")
    os.unlink(tmp)
    return path


def _merge_title(source: Path, target: Path, ref: str) -> None:
    """Add ``<mergeCells>`` for the title row to the first worksheet (write-only mode cannot)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge, 1)
            zout.writestr(item, data)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("legacy_100k.xlsx")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    make(out, n)
    print(f"{out}: {n} customers, {out.stat().st_size / 1e6:.1f} MB")
