#!/usr/bin/env python3
"""Runs the end-to-end tests (test_*.py here) in several processes, one test class at a time.

Most of an end-to-end test's time is spent waiting: for a server to start, for a poller or a
scheduler to act, for a page to change. Two classes running side by side roughly halve the
suite's wall time on two cores. Every class is self-contained (its own database, its own
server on a free port), so any two can run at once.

    tests/e2e/run_parallel.py [--jobs N] [PATTERN]

Prints each class's full unittest output when it finishes, then a summary; exits 1 when any
class fails (or cannot be loaded), 0 otherwise.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def test_classes(pattern):
    """The dotted names of the test classes, in discovery order, and the load errors."""
    suite = unittest.TestLoader().discover(HERE, pattern=pattern, top_level_dir=HERE)
    names, errors = [], []

    def walk(s):
        for t in s:
            if isinstance(t, unittest.TestSuite):
                walk(t)
            elif type(t).__name__ == "_FailedTest":
                errors.append(f"{t.id()}: {getattr(t, '_exception', 'cannot be loaded')}")
            else:
                name = f"{type(t).__module__}.{type(t).__qualname__}"
                if name not in names:
                    names.append(name)

    walk(suite)
    return names, errors


def run_one(name):
    """Runs the test class `name` ("module.Class") in this process. Classes made by
    wakala_e2e.per_backend are not always module attributes, so they are picked out of the
    module's tests rather than loaded by name."""
    module, cls = name.rsplit(".", 1)
    suite = unittest.TestSuite()

    def walk(s):
        for t in s:
            if isinstance(t, unittest.TestSuite):
                walk(t)
            elif type(t).__qualname__ == cls:
                suite.addTest(t)

    walk(unittest.defaultTestLoader.loadTestsFromName(module))
    if suite.countTestCases() == 0:
        print(f"no tests found for {name}")
        return 1
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--one", help="run only this test class (module.Class), in this process")
    parser.add_argument("pattern", nargs="?", default="test_*.py")
    args = parser.parse_args()
    if args.one:
        sys.path.insert(0, HERE)
        return run_one(args.one)

    names, errors = test_classes(args.pattern)
    for e in errors:
        print(f"LOAD ERROR {e}")
    queue = list(names)
    lock = threading.Lock()
    failed = []
    started = time.monotonic()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                name = queue.pop(0)
            t0 = time.monotonic()
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", name], cwd=HERE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            seconds = time.monotonic() - t0
            with lock:
                verdict = "ok" if proc.returncode == 0 else "FAILED"
                print(f"==== {name}: {verdict} in {seconds:.0f} s")
                sys.stdout.write(proc.stdout.decode("utf-8", "replace"))
                sys.stdout.flush()
                if proc.returncode != 0:
                    failed.append(name)

    threads = [threading.Thread(target=worker) for _ in range(max(1, args.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    total = time.monotonic() - started
    print(f"==== {len(names)} test classes in {total:.0f} s with {args.jobs} processes")
    if failed or errors:
        print("FAILED classes:", ", ".join(failed + [e.split(":")[0] for e in errors]))
        return 1
    print("all end-to-end test classes passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
