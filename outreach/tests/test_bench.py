"""The benchmark (bench/run.py) run tiny: every key of its budgets comes out, with a number.
It starts gunicorn and wrk, and Celery workers when a broker is configured, like `make bench`;
the figures are not judged here (a tiny run says nothing about speed)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import service_unavailable

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]


def test_a_tiny_benchmark_writes_every_key(tmp_path):
    if not shutil.which("wrk"):
        service_unavailable("wrk (Debian's package), the benchmark's load generator")
    results = tmp_path / "results.json"
    env = {**os.environ, "BENCH_SCALE": "tiny", "BENCH_RESULTS": str(results)}
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = env["DATABASE_URL"].rstrip("/") + "_tinybench"
    run = subprocess.run(
        [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-5000:]
    report = json.loads(results.read_text())
    budgets = {
        "editor_ratio_20_300",
        "editor_ratio_50_1000",
        "editor_html_kb_50_1000",
        "editor_ms_growth",
        "dashboard_ratio",
        "run_page_ratio",
        "audit_channels_per_s",
        "audit_overhead_ratio",
        "weekly_report_seconds_1000_orgs",
        "import_plan_queries_8_channels",
        "worker_peak_rss_mb",
        "dashboard_queries_small",
        "dashboard_queries_large",
        "editor_queries_small",
        "editor_queries_large",
    }
    assert set(report["budgets"]) == budgets
    for key, verdict in report["budgets"].items():
        assert isinstance(verdict["value"], int | float) and verdict["value"] > 0, key
        assert isinstance(verdict["held"], bool), key
    assert report["scale"] == "tiny" and report["database"] in ("SQLite", "PostgreSQL")
