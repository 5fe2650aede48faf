"""Lesson anatomy: metadata, course position, questions, solutions, glossary and the lesson linter.

Like ``downhill_engine``, nothing here imports MkDocs; ``hooks/lesson_anatomy.py`` is the adapter.
"""
