"""The journal's Alembic environment: ``env.py`` and one file per revision under ``versions/``.

Mend runs it itself (``mendkit.journal.schema.upgrade``) with the journal's own connection, so no
``alembic.ini`` is needed on anyone's machine. To add a revision while developing::

    python -c "from mendkit.journal.schema import config; from alembic import command; \
command.revision(config(), message='what changes', rev_id='0002_what_changes')"

then write its ``upgrade()`` with ``op.batch_alter_table`` (SQLite cannot ALTER most things).
"""
