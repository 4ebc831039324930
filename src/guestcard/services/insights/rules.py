"""The insights' rules in words for people (zh and en), with the segments' names.

What ``segment_rule_text`` says is what the SQL does (``storage.insights_queries.segment_of``):
the segment rules are tried in the order of ``SEGMENT_RULES``.
"""

from __future__ import annotations

from decimal import Decimal

from guestcard.services.insights.settings import DEFAULTS, InsightSettings

# Segment keys in display order, with their Chinese and English names.
SEGMENTS: dict[str, tuple[str, str]] = {
    "champions": ("核心贵宾", "Champions"),
    "loyal": ("忠实常客", "Loyal"),
    "promising": ("潜力新客", "Promising"),
    "needs_attention": ("需要关注", "Needs attention"),
    "at_risk": ("渐少光顾", "Slipping"),  # 流失 is only the churn alert's word (one idea, one word)
    "cannot_lose": ("不能失去", "Cannot lose"),
    "lost": ("久未光顾", "Dormant"),
    "none": ("未到店", "No visits yet"),
}

# The segment rules in the order they are tried (the SQL is storage.insights_queries.segment_of).
SEGMENT_RULES: tuple[tuple[str, str, str], ...] = (
    ("champions", "R≥4、F≥4、M≥4", "R≥4, F≥4 and M≥4"),
    ("loyal", "R≥3、F≥3", "R≥3 and F≥3"),
    ("promising", "R≥4", "R≥4"),
    ("needs_attention", "R=3", "R=3"),
    ("cannot_lose", "F≥4 或 M≥4", "F≥4 or M≥4"),
    ("at_risk", "F≥2 或 M≥3", "F≥2 or M≥3"),
    ("lost", "其余", "the rest"),
)

CHURN_REASONS = ("stopped", "fewer_visits", "less_spending")


def segment_name(key: str, lang: str = "zh") -> str:
    zh, en = SEGMENTS[key]
    return zh if lang == "zh" else en


def money_text(amount: Decimal | int | float) -> str:
    """``¥12,800`` (whole yuan; amounts here are summaries, not bills)."""
    return f"¥{Decimal(amount).quantize(Decimal(1)):,}"


def class_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    a, b = money_text(settings.class_a_from), money_text(settings.class_b_from)
    corporate = settings.corporate_class
    if lang == "zh":
        text = f"近12个月到店消费 {a} 及以上为A类，{b} 及以上为B类，其余为C类"
        if corporate:
            text += f"；单位客户至少为{corporate}类"
        return text + "。没有到店记录的客户按卡上的年消费额。建议须经确认才会修改客户类别。"
    text = f"Spending on visits in the last 12 months: {a} or more is class A, {b} or more B, less C"
    if corporate:
        text += f"; corporate accounts are at least {corporate}"
    return text + (
        ". Customers without visits logged go by the annual spend on their card. "
        "A suggestion changes the class only when accepted."
    )


def segment_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    """The scoring and segment rules in words, with the bounds in force."""
    r = settings.recency_days
    f = settings.frequency_visits
    m = [money_text(x) for x in settings.monetary_from]
    if lang == "zh":
        lines = [
            "每位有到店记录的客户按三项打分（1–5分）：",
            f"R 最近一次到店：{r[0]}天内5分，{r[1]}天内4分，{r[2]}天内3分，{r[3]}天内2分，更早1分；",
            f"F 近12个月到店次数：{f[0]}次以上5分，{f[1]}次以上4分，{f[2]}次以上3分，{f[3]}次以上2分，更少1分；",
            f"M 近12个月消费：{m[0]}以上5分，{m[1]}以上4分，{m[2]}以上3分，{m[3]}以上2分，更少1分。",
            "分群按顺序取第一条符合的规则："
            + "；".join(f"{segment_name(k, 'zh')} {zh}" for k, zh, _ in SEGMENT_RULES)
            + "。没有到店记录的客户为“未到店”。",
        ]
    else:
        lines = [
            "Every customer with visits is scored from 1 to 5 on three counts:",
            f"R, last visit: within {r[0]} days 5, {r[1]} days 4, {r[2]} days 3, {r[3]} days 2, earlier 1;",
            f"F, visits in the last 12 months: {f[0]} or more 5, {f[1]}+ 4, {f[2]}+ 3, {f[3]}+ 2, fewer 1;",
            f"M, spending in the last 12 months: {m[0]} or more 5, {m[1]}+ 4, {m[2]}+ 3, {m[3]}+ 2, less 1.",
            "The segment is the first rule that fits: "
            + "; ".join(f"{segment_name(k, 'en')} {en}" for k, _, en in SEGMENT_RULES)
            + ". Customers without visits are “No visits yet”.",
        ]
    return "\n".join(lines)


def churn_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    s = settings
    share = f"{s.churn_ratio:.0%}"
    if lang == "zh":
        return (
            f"常客（最近{s.churn_days}天之前的{s.churn_baseline_days}天里到店至少{s.churn_min_visits}次）"
            f"最近{s.churn_days}天的到店次数或消费低于其以往节奏的{share}时提醒；"
            f"以往节奏须预计{s.churn_days}天内至少到店{s.churn_min_expected:g}次。已有预订的客户不提醒。"
        )
    return (
        f"A regular (at least {s.churn_min_visits} visits in the {s.churn_baseline_days} days before the last "
        f"{s.churn_days}) is alerted when their visits or spending in the last {s.churn_days} days fell under "
        f"{share} of their own rhythm, if that rhythm promised at least {s.churn_min_expected:g} visits. "
        "Customers with a reservation to come are not alerted."
    )
