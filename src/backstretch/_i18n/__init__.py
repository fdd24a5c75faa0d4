"""The library's words in every language: gettext catalogs, side and condition words, and the
players' words."""
