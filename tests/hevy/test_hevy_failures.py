"""A network that fails: wrong keys, 429 and Retry-After, time-outs, one client failing alone."""

from __future__ import annotations

import datetime as dt
import json
import time

import httpx
import pytest
from hevy_clients import FAST, LEO_KEY, MIA_KEY, backday, backday_here, connect
from hevy_server import Fault

from backday_analysis import paths
from backday_analysis.datafolder.hevy_state import read_state
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.importers.hevy_api import HevyClient, HevyError, RetryPolicy, retry_after


def test_a_wrong_key_is_refused_at_connect_with_one_sentence(hevy, folder):
    wrong = "00000000-dead-beef-0000-00000000c0de"
    done = backday("connect", "hevy", "--client", "mia", data=folder, stdin=wrong, url=hevy.url)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "error: Hevy refused the API key of client 'mia' (HTTP 401, key ending c0de): it is "
        "wrong or was revoked; ask the client for a new key (the client creates one in Hevy's "
        "web app under Settings, Developer (Hevy Pro)) and run: backday connect hevy --client "
        "mia\n"
    )
    assert wrong not in done.stderr
    assert not (folder / "secrets.json").exists() and not (folder / "hevy").exists()


def test_a_revoked_key_fails_that_client_alone(hevy, folder):
    hevy.account(LEO_KEY, "Leo Hevy")
    connect(folder, hevy.url)
    connect(folder, hevy.url, "leo", LEO_KEY)
    del hevy.accounts[MIA_KEY]  # Mia revoked her key in Hevy
    done = backday("sync", data=folder, url=hevy.url)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("leo: first sync: 0 workouts in Hevy; nothing changed")
    assert lines[1].startswith("mia: sync failed: Hevy refused the API key of client 'mia'")
    assert lines[-1] == "Hevy sync: 1 of 2 clients synced, 1 failed."
    assert MIA_KEY not in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert read_state(folder, "mia").last_outcome == "failed"
    assert read_state(folder, "leo").last_outcome == "ok"


def test_a_client_not_connected(hevy, folder):
    connect(folder, hevy.url)
    [result] = sync_clients(folder, ["leo"], policy=FAST)
    assert result.error == (
        "client 'leo' is not connected to Hevy; connect them with: backday connect hevy "
        "--client leo"
    )


def test_no_client_connected(folder):
    done = backday_here("sync", data=folder)
    assert done.returncode == 2
    assert done.stderr == (
        "error: no client is connected to Hevy; connect one with: backday connect hevy "
        "--client ID\n"
    )


def test_429_waits_as_long_as_retry_after_says(hevy):
    hevy.faults.append(Fault("GET", "/v1/user/info", status=429, retry_after="1"))
    with HevyClient(MIA_KEY, "mia", policy=FAST) as api:
        started = time.monotonic()
        assert api.get("/v1/user/info")["data"]["name"] == "Mia Hevy"
        waited = time.monotonic() - started
    assert api.retries == 1 and len(hevy.requests("GET", "/v1/user/info")) == 2
    assert waited >= 1  # FAST's own back-off is at most 0.2 s


def test_429_asking_for_too_long_a_wait_fails_with_a_sentence(hevy, folder):
    connect(folder, hevy.url)
    hevy.faults.append(Fault("GET", "/v1/workouts", page=2, status=429, retry_after="3600"))
    [result] = sync_clients(folder, policy=FAST)
    assert result.outcome == "failed"
    assert result.error == (
        "Hevy answered 'too many requests' (HTTP 429) to GET /v1/workouts page 2 for client "
        "'mia', tried once, and asks to wait 3600 s; nothing was changed in the data folder "
        "for this client; run the command again later."
    )
    assert not paths.log_path(folder, "mia").exists()


def test_retry_after_as_an_http_date():
    response = httpx.Response(429, headers={"Retry-After": "Sat, 05 Dec 2026 10:00:30 GMT"})
    now = dt.datetime(2026, 12, 5, 10, 0, 0, tzinfo=dt.UTC)
    assert retry_after(response, now) == 30.0
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"})) == 7.0
    assert retry_after(httpx.Response(429)) is None
    assert retry_after(httpx.Response(429, headers={"Retry-After": "soon"})) is None


def test_a_slow_answer_times_out_and_is_asked_again(hevy):
    hevy.faults.append(Fault("GET", "/v1/user/info", delay=1.5))
    policy = RetryPolicy(timeout=0.5, attempts=3, wait_initial=0.05, wait_max=0.1)
    with HevyClient(MIA_KEY, "mia", policy=policy) as api:
        assert api.get("/v1/user/info")["data"]["name"] == "Mia Hevy"
        assert api.retries == 1
    assert len(hevy.requests("GET", "/v1/user/info")) == 2


def test_no_answer_at_all_is_one_sentence(hevy):
    hevy.faults.append(Fault("GET", "/v1/user/info", delay=1.5, times=5))
    policy = RetryPolicy(timeout=0.3, attempts=2, wait_initial=0.05, wait_max=0.1)
    with HevyClient(MIA_KEY, "mia", policy=policy) as api, pytest.raises(HevyError) as caught:
        api.get("/v1/user/info")
    assert str(caught.value) == (
        "Hevy could not be reached for client 'mia' (no answer in time on GET /v1/user/info, "
        "tried 2 times); nothing was changed in the data folder for this client; check the "
        "network and run the command again."
    )


def test_the_server_refuses_a_page_size_over_10(hevy):
    with HevyClient(MIA_KEY, "mia", policy=FAST) as api, pytest.raises(HevyError) as caught:
        api.get("/v1/workouts", {"page": 1, "pageSize": 11})
    assert caught.value.status == 400
    assert "pageSize must be between 1 and 10" in str(caught.value)


def test_a_post_is_not_sent_twice_after_a_server_error(hevy):
    hevy.faults.append(Fault("POST", "/v1/routines", status=502))
    with HevyClient(MIA_KEY, "mia", policy=FAST) as api, pytest.raises(HevyError) as caught:
        api.request("POST", "/v1/routines", body={"routine": {"title": "x", "exercises": []}})
    assert "tried once" in str(caught.value)
    assert len(hevy.requests("POST", "/v1/routines")) == 1


def test_an_answer_that_is_not_the_api_s_json(hevy, folder):
    connect(folder, hevy.url)
    hevy.faults.append(Fault("GET", "/v1/workouts", page=1, status=200))
    [result] = sync_clients(folder, policy=FAST)
    assert result.outcome == "failed"
    assert "has no 'workouts' list or page_count" in result.error


def test_json_output_of_a_failed_sync(hevy, folder):
    connect(folder, hevy.url)
    del hevy.accounts[MIA_KEY]
    done = backday_here("sync", "--json", data=folder, url=hevy.url)
    assert done.returncode == 1
    [result] = json.loads(done.stdout)
    assert result["outcome"] == "failed" and "(HTTP 401, key ending e5f6)" in result["error"]


def test_an_address_that_is_not_http_is_one_sentence(folder, monkeypatch):
    monkeypatch.setenv("BACKDAY_HEVY_API", "api.hevyapp.com")
    with HevyClient(MIA_KEY, "mia", policy=FAST) as api, pytest.raises(HevyError) as caught:
        api.get("/v1/user/info")
    assert str(caught.value) == (
        "the API address 'api.hevyapp.com/' is not an http or https address; fix "
        "BACKDAY_HEVY_API, or unset it to use Hevy's."
    )
