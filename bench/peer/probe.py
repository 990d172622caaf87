"""Count the database queries of one request per page, in-process, under either site's settings.

    python probe.py '<json: {"pages": {name: {"url": ..., "title": ...}}, "session": key}>'

Run by bench/peer/run.py with each site's virtualenv and environment. Each page is requested
once to warm the process (the site-root cache, the first connection), then once more inside
CaptureQueriesContext with the learner's session cookie, through Django's test client and the
site's whole middleware stack. Prints {name: {"status", "queries", "bytes"}} as JSON.
"""

import json
import sys


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    spec = json.loads(sys.argv[1])
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = spec["session"]
    result = {}
    for name, page in spec["pages"].items():
        client.get(page["url"])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page["url"])
        result[name] = {"status": response.status_code, "queries": len(captured), "bytes": len(response.content)}
        if "-v" in sys.argv:
            for query in captured.captured_queries:
                print(f"  [{name}] {query['sql'][:220]}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
