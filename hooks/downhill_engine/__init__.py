"""Downhill's execution engine: run every Python block of a page and render its real output.

Data flows one way: ``includes`` → ``parse`` → ``plan`` → ``execute`` (with ``cache``) → ``render``.
``build`` ties the stages together for a set of pages. Nothing here imports MkDocs, so the engine can be
driven by any site generator; ``hooks/executed_blocks.py`` is the thin MkDocs adapter.
"""
