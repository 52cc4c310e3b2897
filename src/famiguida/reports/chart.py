"""A bar chart of the requests per month, drawn on the server as SVG.

Only geometry is computed here; the template writes the ``<svg>`` (role
"img", ``<title>`` and ``<desc>``) so every text goes through TAL's
escaping.  The chart scales with its container (``viewBox``), prints as
vector graphics and needs no JavaScript; the table next to it remains the
source of truth.
"""

from dataclasses import dataclass


WIDTH = 640
HEIGHT = 240
TOP = 16  # room for the value above the tallest bar
BOTTOM = 40  # room for the month labels
LEFT = 8
RIGHT = 8


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    text_x: float
    value_y: float
    label_y: float
    show_label: bool
    year: str
    title: str


def bars(values, labels, years=None, titles=None, width=WIDTH, height=HEIGHT):
    """One Bar per value (zero values too: a bar of height 0).

    ``labels`` name the months under the bars; with more than 12 bars only
    every n-th is labelled, so the labels never overlap.  ``years`` (text
    or '') is written under a label, e.g. for the first month and January;
    ``titles`` name each bar in full (its tooltip).
    """
    count = len(values)
    if not count:
        return []
    years = years or [""] * count
    titles = titles or labels
    step = -(-count // 12)
    plot_height = height - TOP - BOTTOM
    slot = (width - LEFT - RIGHT) / count
    bar_width = slot * 0.7
    highest = max(values) or 1
    result = []
    rows = zip(values, labels, years, titles, strict=True)
    for i, (value, label, year, title) in enumerate(rows):
        bar_height = plot_height * value / highest
        x = LEFT + i * slot + (slot - bar_width) / 2
        y = TOP + plot_height - bar_height
        result.append(
            Bar(
                x=round(x, 2),
                y=round(y, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
                value=value,
                label=label,
                text_x=round(x + bar_width / 2, 2),
                value_y=round(y - 4, 2),
                label_y=height - BOTTOM + 16,
                show_label=i % step == 0,
                year=year,
                title=title,
            )
        )
    return result
