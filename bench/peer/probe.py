"""Count the database queries of one request per page, in-process, under either site's settings.

    python probe.py '<json: {"pages": {name: {"url": ..., "title": ...}}, "session": key}>' [--profile NAME]

Run by bench/peer/run.py with each site's virtualenv and environment. Each page is requested
once to warm the process (the site-root cache, the first connection), then once more inside
CaptureQueriesContext with the learner's session cookie, through Django's test client and the
site's whole middleware stack. Prints {name: {"status", "queries", "bytes"}} as JSON.

With --profile NAME, also a profile of that page's view under cProfile (wall time, in-process,
VIEWS views after the warm one): the CPU time of a view without the profiler, the share of
named stages, and the functions with the most time of their own; as "profile" in the JSON.
"""

import cProfile
import json
import pstats
import statistics
import sys
import time

VIEWS = 40
# (label, file suffix, function): the stages of a request, by cumulative time.
STAGES = [
    ("session and user (auth.get_user)", "django/contrib/auth/__init__.py", "get_user"),
    ("routing (Page.route, every level)", "", "route"),
    ("Sinau's lesson view (serve_lesson)", "courses/views/lessons.py", "serve_lesson"),
    ("  of it: progress (course_progress)", "courses/progress.py", "course_progress"),
    ("template rendering (rendered_content)", "django/template/response.py", "rendered_content"),
    ("SQL round trips (CursorWrapper._execute)", "django/db/backends/utils.py", "_execute"),
]


def profile(client, url: str) -> str:
    client.get(url)
    cpu = []
    for _ in range(VIEWS):
        before = time.process_time()
        client.get(url)
        cpu.append((time.process_time() - before) * 1000)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(VIEWS):
        client.get(url)
    profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    lines = [
        f"{url}: {statistics.median(cpu):.1f} ms of CPU per view without the profiler (median of {VIEWS}); "
        f"{total * 1000 / VIEWS:.1f} ms wall per view under cProfile; share of that wall time:"
    ]
    for label, suffix, function in STAGES:
        cumulative = max(
            (
                row[3]
                for (filename, _, name), row in stats.stats.items()
                if name == function and filename.endswith(suffix)
            ),
            default=0.0,
        )
        lines.append(f"  {label:<42} {cumulative * 100 / total:5.1f} %")
    lines.append("  most time of their own:")
    own = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:10]
    for (filename, line, name), row in own:
        where = "/".join(filename.split("/")[-2:])
        lines.append(f"    {row[2] * 100 / total:5.1f} %  {row[1]:6d} calls  {name} ({where}:{line})")
    return "\n".join(lines)


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
    if "--profile" in sys.argv:
        name = sys.argv[sys.argv.index("--profile") + 1]
        result["profile"] = profile(client, spec["pages"][name]["url"])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
