"""Database text becomes literal Paragraph text, other scripts in the embedded font."""

from __future__ import annotations

from workbench.paths import resource
from workbench.reports.fonts import FONT_FILE, UNICODE_FONT, markup, needs_unicode_font


def test_markup_is_escaped() -> None:
    assert markup("<b>Bold</b> & Co.") == "&lt;b&gt;Bold&lt;/b&gt; &amp; Co."


def test_latin_text_stays_in_the_base_font() -> None:
    assert markup("Société Générale – €5") == "Société Générale – €5"
    assert not needs_unicode_font("Société Générale – €5")


def test_other_scripts_switch_font_only_for_their_run() -> None:
    out = markup("SMIC (中芯国际) АО «Микрон»")
    assert out.startswith("SMIC (")
    assert f'<font face="{UNICODE_FONT}">中芯国际</font>' in out
    assert f'<font face="{UNICODE_FONT}">АО</font>' in out
    assert needs_unicode_font("삼성전자")


def test_the_font_ships_with_its_licence() -> None:
    font = resource(*FONT_FILE)
    assert font.is_file()
    licence = font.with_name("wqy-zenhei.LICENSE.txt").read_text(encoding="utf-8")
    assert "Font embedding exception" in licence
    assert "GNU GENERAL PUBLIC LICENSE" in licence
