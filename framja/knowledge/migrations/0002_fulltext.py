"""The full-text index over the stems: FTS5 on SQLite, a tsvector column with GIN on PostgreSQL.

Both index the same pre-stemmed tokens (Swedish Snowball, done in Python), so the same query
finds the same documents on both databases.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_search_fts USING fts5(title_stems, stems, facets, "
    "content='knowledge_searchdocument', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER knowledge_search_ai AFTER INSERT ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_search_fts(rowid, title_stems, stems, facets) "
    "VALUES (new.id, new.title_stems, new.stems, new.facets); END",
    "CREATE TRIGGER knowledge_search_ad AFTER DELETE ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title_stems, stems, facets) "
    "VALUES ('delete', old.id, old.title_stems, old.stems, old.facets); END",
    "CREATE TRIGGER knowledge_search_au AFTER UPDATE ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title_stems, stems, facets) "
    "VALUES ('delete', old.id, old.title_stems, old.stems, old.facets); "
    "INSERT INTO knowledge_search_fts(rowid, title_stems, stems, facets) "
    "VALUES (new.id, new.title_stems, new.stems, new.facets); END",
    "INSERT INTO knowledge_search_fts(knowledge_search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS knowledge_search_au",
    "DROP TRIGGER IF EXISTS knowledge_search_ad",
    "DROP TRIGGER IF EXISTS knowledge_search_ai",
    "DROP TABLE IF EXISTS knowledge_search_fts",
]
POSTGRESQL = [
    "ALTER TABLE knowledge_searchdocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, title_stems), 'A') "
    "|| setweight(to_tsvector('simple'::regconfig, stems), 'B') "
    "|| setweight(to_tsvector('simple'::regconfig, facets), 'D')) STORED",
    "CREATE INDEX knowledge_search_vector ON knowledge_searchdocument USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS knowledge_search_vector",
    "ALTER TABLE knowledge_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
