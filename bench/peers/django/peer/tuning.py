from django.conf import settings
from django.db.backends.signals import connection_created


def tune_sqlite(sender, connection, **kwargs):
    """The file is already in WAL mode (Bindery set it); this makes a commit skip the fsync."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = NORMAL")


if settings.TUNED:
    connection_created.connect(tune_sqlite)
