"""Three versions of one speech, written by the tests: a group the seed does not have.

Base 第一篇 (A); 第二篇 (B) and 第三篇 (C) differ from it, sometimes alike:

    paragraph 1   推動 → 推進 in B and C;  群眾 → 大眾 in B;  ， → , in C (layout);
                  很大 left out in C
    paragraph 2   開展 → 展開 in B (a transposition);  十二 → " 12 " in B (a numeral)
    paragraph 3   C runs it into paragraph 2;  想方設法 → 千方百計 in B and C;
                  群眾 → 大眾 in C

The last two paragraphs are the same in all three, so that detection groups them.
"""

from __future__ import annotations

from pathlib import Path

SHARED = (
    "經過全縣上下的共同努力，我們的扶貧開發工作取得了明顯成效，基礎設施不斷完善，"
    "產業發展不斷加快，貧困群眾的收入穩步增長。\n"
    "下一步，我們要堅持精準扶貧、精準脫貧的基本方略，把各項政策措施落實到村到戶到人，"
    "確保按時完成脫貧攻堅的目標任務。\n"
)
WITNESSES = (
    ("第一篇:扶貧工作講話\n"
     "我們要推動脫貧攻堅，貧困群眾的生活有了很大改善。\n"
     "一是要開展調研，做好十二項工作。\n"
     "各級干部要想方設法幫助群眾。\n"),
    ("第二篇:扶貧工作講話\n"
     "我們要推進脫貧攻堅，貧困大眾的生活有了很大改善。\n"
     "一是要展開調研，做好 12 項工作。\n"
     "各級干部要千方百計幫助群眾。\n"),
    ("第三篇:扶貧工作講話\n"
     "我們要推進脫貧攻堅,貧困群眾的生活有了改善。\n"
     "一是要開展調研，做好十二項工作。各級干部要千方百計幫助大眾。\n"),
)
SOURCE_NAME = "three_versions.txt"


def write_three_witnesses(folder: Path) -> Path:
    """The source file of the three versions, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SOURCE_NAME
    path.write_text("".join(text + SHARED for text in WITNESSES), encoding="utf-8")
    return path
