"""Lesson anatomy: metadata, course position, module pages, the course map, questions, solutions, glossary, linter.

Like ``downhill_engine``, nothing here imports MkDocs; ``hooks/lesson_anatomy.py`` is the adapter.
"""
