"""Page weight and Lighthouse mobile scores of the budgeted pages, on the demo (issue 15).

    python bench/lighthouse/run.py [--base http://127.0.0.1:8000] [--runs 1]

Without --base it seeds the demo into a scratch SQLite database and media folder, serves it
with gunicorn and DEBUG off (static files from the finders, so uncompressed: production's
collected, precompressed CSS is lighter), and stops it at the end. For each page it prints the
bytes of a first visit (bench/lighthouse/weigh.py) and Lighthouse's four mobile scores
(simulated slow 4G, Debian's Chromium), as a visitor and as the demo participant. Lighthouse
comes from the npm registry into bench/lighthouse/node_modules on the first run (12.x: 13
needs Node 22, Debian 12 ships 20).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from playwright.sync_api import sync_playwright  # noqa: E402
from weigh import BUDGET, CHROMIUM, log_in, weigh  # noqa: E402

LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PARTICIPANT = "warga@sinau.test"  # enrolled in a running wave: lessons open
GRADUATE = "lulus@sinau.test"  # holds a certificate
LESSON = "/sinau-tiktok-youtube/membuat-konten-kreatif/merencanakan-video-60-detik/"
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(HERE),
                "--no-save",
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_environment(scratch: Path, base: str) -> dict:
    return {
        **os.environ,
        "SQLITE_PATH": str(scratch / "demo.sqlite3"),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_ROOT": str(scratch / "private"),
        "SITE_URL": base,
        "DJANGO_SECRET_KEY": "bench-lighthouse-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "WHITENOISE_USE_FINDERS": "1",
        "STATIC_PLAIN_STORAGE": "1",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DATABASE_URL": "",
    }


def serve_demo(scratch: Path) -> tuple[str, subprocess.Popen, str]:
    """Seed the demo and start gunicorn on it; return (base URL, server, a certificate code)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = demo_environment(scratch, base)
    seed = {**env, "DJANGO_DEBUG": "1"}  # the demo refuses to seed a production site
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo", "--if-empty"], ["seed_certificate_demo"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=seed, check=True, stdout=subprocess.DEVNULL)
    code = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from certificates.models import Certificate; print(Certificate.objects.first().code)",
        ],
        cwd=ROOT,
        env=seed,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "lms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "0"},
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    return base, server, code


def lighthouse(url: str, cookie: str = "") -> dict[str, int]:
    """Lighthouse's mobile scores (0-100) for `url`, signed in with `cookie` when given."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    for _attempt in range(3):  # on this shared 2-core machine Chromium sometimes misses Lighthouse's deadline
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
        if result.returncode == 0:
            break
    else:
        print(f"  Lighthouse failed on {url}: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return {category: -1 for category in CATEGORIES}
    report = json.loads(result.stdout)
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def session_cookie(base: str, email: str) -> str:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        log_in(page, base, email, "sinau-demo-2026")
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
        browser.close()
    return cookies


def report(title: str, base: str, pages: dict[str, str], email: str = ""):
    weights = weigh(base, pages, email=email, password="sinau-demo-2026" if email else "")
    cookie = session_cookie(base, email) if email else ""
    print(f"\n{title}")
    print(f"  {'page':<18} {'KB':>6}  {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}")
    for name, path in pages.items():
        scores = lighthouse(base + path, cookie)
        flag = "" if weights[name] <= BUDGET else "  over 60 KB"
        print(
            f"  {name:<18} {weights[name] / 1024:6.1f}  " + " ".join(f"{scores[c]:>4}" for c in CATEGORIES) + flag,
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a running Sinau with the demo seeded (default: start one)")
    parser.add_argument("--code", help="a certificate code on --base", default="")
    args = parser.parse_args()
    if not shutil.which("node"):
        sys.exit("Lighthouse needs Node.js (apt-get install nodejs npm)")
    install_lighthouse()
    scratch = Path(tempfile.mkdtemp(prefix="sinau-lighthouse-"))
    server = None
    try:
        if args.base:
            base, code = args.base.rstrip("/"), args.code
        else:
            base, server, code = serve_demo(scratch)
        public = {"home": "/", "course": "/sinau-tiktok-youtube/", "verification": f"/verifikasi/{code}/"}
        report("Visitor (not signed in)", base, public)
        report(
            "Participant (warga@sinau.test)",
            base,
            {**public, "lesson": LESSON, "my learning": "/pembelajaran-saya/"},
            PARTICIPANT,
        )
        report("Certificate holder (lulus@sinau.test)", base, {"my certificates": "/sertifikat/"}, GRADUATE)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
