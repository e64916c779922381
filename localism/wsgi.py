import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localism.settings")
application = get_wsgi_application()

# What is loaded by now lives as long as the process: keep it out of the garbage collector's full
# collections, which would otherwise scan all of it and now and then stall a request by tens of ms.
gc.freeze()
