"""A self-contained, printable HTML page: inline CSS, images as base64 data."""

import base64
import datetime
import html
from dataclasses import dataclass

import pandas as pd

from ..labels import number
from ..plots import style

CSS = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #555; }
pre { background: #f7f7f7; padding: 0.5rem; max-height: 24rem; overflow: auto; font-size: 0.8rem; }
nav ol { columns: 2; font-size: 0.9rem; }
@media print {
  body { max-width: none; margin: 0; }
  nav { display: none; }
  section { break-inside: avoid-page; }
  figure { break-inside: avoid; }
  pre { max-height: none; overflow: visible; white-space: pre-wrap; }
}
"""


@dataclass
class Section:
    id: str
    title: str
    body: str


def esc(value) -> str:
    return html.escape(str(value))


def paragraph(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def preformatted(text: str) -> str:
    return f"<pre>{esc(text)}</pre>"


def _cell(value) -> str:
    if isinstance(value, float):
        return f'<td class="num">{number(value)}</td>'
    if isinstance(value, int):
        return f'<td class="num">{value}</td>'
    return f"<td>{esc(value)}</td>"


def table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>"
                   for row in frame.astype(object).itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def key_values(pairs: dict) -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th>{_cell(v)}</tr>" for k, v in pairs.items())
    return f"<table><tbody>{rows}</tbody></table>"


def figure(fig, caption: str) -> str:
    data = base64.b64encode(style.png_bytes(fig)).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(caption)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def page(title: str, sections: list) -> str:
    made = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    nav = "".join(f'<li><a href="#{s.id}">{esc(s.title)}</a></li>' for s in sections)
    body = "".join(f'<section id="{s.id}"><h2>{esc(s.title)}</h2>{s.body}</section>' for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{esc(title)}</h1><p>Report made {made} by the cogov analysis toolkit.</p></header>"
            f"<nav><h2>Contents</h2><ol>{nav}</ol></nav>{body}</body></html>\n")
