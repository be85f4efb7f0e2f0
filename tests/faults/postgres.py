"""A throwaway PostgreSQL 15 server of the test's own, as scripts/with-postgres.sh starts one:
its own data folder, a Unix socket only, run as the postgres user when the tests run as root.
The test can stop and start it under a running site."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def available():
    return (PGBIN / "initdb").exists()


class ThrowawayPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="library-fault-pg-"))
        self.data = self.dir / "data"
        self.run_as = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args, timeout=60):
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, timeout=timeout)

    def init(self):
        self._run(
            str(PGBIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "library",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run(str(PGBIN / "createdb"), "-h", str(self.dir), "-U", "library", "library")
        return self

    def start(self):
        options = (
            f"-c listen_addresses='' -k {self.dir} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off"
        )
        self._run(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.dir / "log"),
            "-o",
            options,
            "start",
        )

    def stop(self, mode="fast"):
        self._run(str(PGBIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    @property
    def url(self):
        return f"postgres://library@/library?host={self.dir}"

    def load(self, sql_path):
        self._run(
            str(PGBIN / "psql"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(self.dir),
            "-U",
            "library",
            "-d",
            "library",
            "-f",
            str(sql_path),
            timeout=120,
        )

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
