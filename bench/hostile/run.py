"""Hostile input, thoroughly: the property tests of `make test` with many more examples each.

`make test` tries ~25 random and hostile values per form, command and serial pattern
(hypothesis profile "quick"); this runs the same tests under the "thorough" profile
(tests/conftest.py: 500 examples each) on SQLite, where an id beyond 64 bits overflows.

    python bench/hostile/run.py [pytest arguments...]

`make bench` runs it with the others (bench/*/run.py). It takes tens of minutes.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ["tests/test_hostile_input.py", "tests/certificates/test_serials.py"]


def main() -> int:
    pytest_args = sys.argv[1:]
    env = {**os.environ, "HYPOTHESIS_PROFILE": "thorough"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider", "-n", "2", *pytest_args]
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT, env=env)
    outcome = "no failure" if code == 0 else "FAILURES"
    print(f"hostile input, thorough profile: {outcome} in {time.monotonic() - started:.0f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
