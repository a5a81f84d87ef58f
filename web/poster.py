"""A4 posters with a QR code of the bot's deep link: the study found few citizens know the
service exists, and a poster at the puskesmas, the kelurahan office or a bus stop fixes that.

`https://t.me/<bot>?start=c_<category>` opens the bot and starts a complaint straight in that
category (handlers/citizen/menu.py). The QR code is segno's, drawn as vector squares so the PDF
prints sharp at any size; matplotlib lays out the page (PDF for printing, PNG for chat).
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import segno
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Rectangle

from web.texts import SiteTexts, site_texts

A4 = (8.27, 11.69)  # inches
PNG_DPI = 150
BOT_NAME = re.compile(r"[A-Za-z0-9_]{3,64}")
CATEGORY_CODE = re.compile(r"[a-z0-9_]{1,20}")
BRAND, INK, MUTED = "#0b5cad", "#1b1f24", "#4a5563"


class PosterError(ValueError):
    """An unknown category or an impossible bot name: said in one line."""


def deep_link(bot: str, category: str | None = None) -> str:
    if not BOT_NAME.fullmatch(bot):
        raise PosterError(f"{bot!r} is not a bot username")
    if category is None:
        return f"https://t.me/{bot}"
    if not CATEGORY_CODE.fullmatch(category):
        raise PosterError(f"{category!r} is not a category code")
    return f"https://t.me/{bot}?start=c_{category}"


@dataclass(frozen=True)
class Poster:
    link: str
    city: str
    lang: str
    category: str | None = None  # the category's name, when the poster is for one
    texts: SiteTexts | None = None

    def t(self, key: str, **args: Any) -> str:
        return (self.texts or site_texts()).text(self.lang, key, **args)

    def figure(self) -> Figure:
        fig = Figure(figsize=A4)
        fig.patch.set_facecolor("white")
        fig.add_artist(Rectangle((0, 0.86), 1, 0.14, transform=fig.transFigure, color=BRAND))
        fig.text(0.07, 0.945, self.city, color="white", fontsize=30, weight="bold", va="center")
        fig.text(0.07, 0.895, self.t("poster-service"), color="white", fontsize=16, va="center")
        headline = (
            self.t("poster-headline-category", category=self.category)
            if self.category
            else self.t("poster-headline")
        )
        fig.text(
            0.5,
            0.80,
            "\n".join(textwrap.wrap(headline, 32)),
            ha="center",
            va="top",
            fontsize=26,
            weight="bold",
            color=INK,
            linespacing=1.3,
        )
        self._qr(fig)
        fig.text(
            0.5,
            0.345,
            self.link.removeprefix("https://"),
            ha="center",
            fontsize=13,
            color=MUTED,
            family="monospace",
        )
        for n, key in enumerate(("poster-step-1", "poster-step-2", "poster-step-3")):
            y = 0.28 - n * 0.075
            ratio = A4[0] / A4[1]
            fig.add_artist(
                Ellipse((0.1, y), 0.06, 0.06 * ratio, color=BRAND, transform=fig.transFigure)
            )
            fig.text(
                0.1,
                y,
                str(n + 1),
                ha="center",
                va="center",
                color="white",
                fontsize=16,
                weight="bold",
            )
            fig.text(
                0.16,
                y,
                "\n".join(textwrap.wrap(self.t(key), 52)),
                va="center",
                fontsize=14,
                color=INK,
                linespacing=1.25,
            )
        fig.text(0.5, 0.035, self.t("poster-footer"), ha="center", fontsize=11, color=MUTED)
        return fig

    def _qr(self, fig: Figure) -> None:
        code = segno.make(self.link, error="m")
        size = 0.42  # of the page width; the square sits centred above the steps
        width, height = A4
        ax = fig.add_axes((0.5 - size / 2, 0.365, size, size * width / height))
        modules = list(code.matrix)
        n = len(modules)
        squares = [
            Rectangle((x, n - 1 - y), 1, 1)
            for y, row in enumerate(modules)
            for x, dark in enumerate(row)
            if dark
        ]
        ax.add_collection(PatchCollection(squares, facecolor="black", edgecolor="none"))
        quiet = 4  # the quiet zone QR readers need around the code
        ax.set_xlim(-quiet, n + quiet)
        ax.set_ylim(-quiet, n + quiet)
        ax.set_aspect("equal")
        ax.axis("off")

    def _save(self, fmt: str, dpi: int = PNG_DPI) -> bytes:
        buffer = io.BytesIO()
        self.figure().savefig(buffer, format=fmt, dpi=dpi, facecolor="white")
        return buffer.getvalue()

    def png(self) -> bytes:
        return self._save("png")

    def pdf(self) -> bytes:
        return self._save("pdf")


async def poster_for(uow: Any, bot: str, category_code: str | None, lang: str) -> Poster:
    """The poster for this city (its name from the seeded settings) and category, if any."""
    city = (await uow.settings.get("city") or {}).get("name") or "Kota"
    name = None
    if category_code is not None:
        category = await uow.categories.get_by_code(category_code)
        if category is None or not category.active:
            raise PosterError(f"no active category with code {category_code!r}")
        name = category.name_en if lang == "en" and category.name_en else category.name
    return Poster(link=deep_link(bot, category_code), city=city, lang=lang, category=name)
