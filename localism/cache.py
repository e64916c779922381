"""The database cache, for machines without Redis, with an increment that processes cannot interleave.

Django's database cache increments by reading, adding and writing back (two processes can both read 4
and both write 5) and, as it writes back, resets the entry's expiry to the default timeout. The rate
limits need an exact count that expires with its window, so here the row is locked while it changes
and its expiry is left alone. With Redis (REDIS_URL set), Redis's own INCR does the same.
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        # The table name comes from settings, quoted; the key is a parameter.
        select = f"SELECT value, expires FROM {table} WHERE cache_key = %s FOR UPDATE"  # noqa: S608
        update = f"UPDATE {table} SET value = %s WHERE cache_key = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key])
            row = cursor.fetchone()
            if row is None or row[1] < timezone.now():
                raise ValueError(f"Key '{key}' not found")
            # As Django's own database cache reads it: a value this cache wrote, never one from outside.
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(update, [stored, key])
        return value
