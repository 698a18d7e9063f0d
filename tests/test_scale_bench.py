"""bench/scale.py: the CPU a concurrency run reports beside its throughput."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import ROOT, bench_script


def _scale(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN202
    """bench/scale.py, whose `from bench import ...` means bench/bench.py: a `bench` imported
    before as the folder (a namespace package) is set aside while it loads."""
    monkeypatch.delitem(sys.modules, "bench", raising=False)
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    return bench_script("scale")


def test_a_concurrency_run_reports_the_server_s_and_the_clients_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """800 requests in 10 s for which the server took 16 CPU-seconds: 20 ms a request, 1.6 cores;
    the client threads took 4 CPU-seconds: 0.4 cores. The bookkeeping fields leave the run."""
    run = {"rps": 80.0, "sent": 800, "wall_s": 10.0}
    out = _scale(monkeypatch).with_cpu(run, 116.0, 100.0, 4.0)
    assert out == {"rps": 80.0, "server_cpu_ms_per_request": 20.0, "server_cores": 1.6, "client_cores": 0.4}


def test_without_the_server_s_cpu_only_the_clients_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server whose CPU cannot be read (no /proc) leaves its figures out instead of guessing."""
    out = _scale(monkeypatch).with_cpu({"rps": 50.0, "sent": 500, "wall_s": 10.0}, None, None, 2.5)
    assert out == {"rps": 50.0, "client_cores": 0.25}
