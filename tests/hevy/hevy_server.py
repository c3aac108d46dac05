"""A local HTTP server that answers as Hevy's public API is described (on 127.0.0.1 only).

It keeps accounts by API key, each with workouts, a change feed, custom templates and
routines, and checks what Hevy checks: the ``api-key`` header (401 otherwise), ``pageSize``
at most 10 (100 for templates; 400 otherwise), the routine limit (403). Tests plan faults
(a status such as 429 with ``Retry-After`` or 500, a slow answer, an answer held until
released) for a method, path and page, and read every request it saw.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

BUILTIN = {  # a few of Hevy's built-in templates (ids as in the shipped table)
    "6A6C31A5": "Lat Pulldown (Cable)",
    "0393F233": "Seated Cable Row - V Grip (Cable)",
    "C6272009": "Deadlift (Barbell)",
    "37FCC2BB": "Bicep Curl (Dumbbell)",
    "79D0BB3A": "Bench Press (Barbell)",
    "ABEC557F": "Shrug (Dumbbell)",
    "C3BCABB3": "Seated Cable Row - Bar Wide Grip",
    "4F5866F8": "Back Extension (Hyperextension)",
    "914F3A96": "Chest Supported Incline Row (Dumbbell)",
    "B8127AD1": "Lying Leg Curl (Machine)",
}
LIMITS = {"workouts": 10, "events": 10, "routines": 10, "exercise_templates": 100}


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class Account:
    """One Hevy account: what its key reads and writes."""

    name: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    workouts: dict[str, dict] = field(default_factory=dict)
    events: list[tuple[dt.datetime, dict]] = field(default_factory=list)
    templates: dict[str, dict] = field(default_factory=dict)
    routines: dict[str, dict] = field(default_factory=dict)
    routine_limit: int = 10


@dataclass
class Fault:
    """A planned answer: ``status`` (with ``retry_after``), a ``delay``, ``hold`` until set.

    ``action`` runs first: what the client does in the app while this request is on its way.
    """

    method: str
    path: str
    page: int | None = None
    status: int | None = None
    times: int = 1
    retry_after: str | None = None
    delay: float = 0.0
    hold: threading.Event | None = None
    action: Callable[[], None] | None = None


class _Server(HTTPServer):
    """pytest-httpserver's server, whose ``stop`` returns in milliseconds.

    Stopping waits for the serving loop to look for a request to stop, every half second by
    default: half a second at the end of every test.
    """

    def thread_target(self) -> None:
        self.server.serve_forever(poll_interval=0.02)


class FakeHevy:
    """Hevy's API on a local port; ``url`` goes in ``BACKDAY_HEVY_API``."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.faults: list[Fault] = []
        self.seen: list[dict] = []
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self.server = _Server(host="127.0.0.1", port=0, threaded=True)
        self.server.expect_request(re.compile(r"^/.*")).respond_with_handler(self._answer)
        self.server.start()
        self.url = self.server.url_for("").rstrip("/")

    def stop(self) -> None:
        for fault in self.faults:
            if fault.hold is not None:
                fault.hold.set()
        self.server.clear()
        self.server.stop()

    def account(self, key: str, name: str) -> Account:
        self.accounts[key] = Account(name)
        return self.accounts[key]

    # What a client does in the app: each change goes in the feed.
    def save(self, key: str, workout: dict) -> None:
        account = self.accounts[key]
        workout["updated_at"] = utc(now())
        account.workouts[workout["id"]] = workout
        account.events.append((now(), {"type": "updated", "workout": workout}))

    def delete(self, key: str, workout_id: str) -> None:
        account = self.accounts[key]
        del account.workouts[workout_id]
        event = {"type": "deleted", "id": workout_id, "deleted_at": utc(now())}
        account.events.append((now(), event))

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict]:
        return [
            r
            for r in self.seen
            if (method is None or r["method"] == method) and (path is None or r["path"] == path)
        ]

    # The server side.
    def _answer(self, request: Request) -> Response:
        page = request.args.get("page")
        record = {
            "method": request.method,
            "path": request.path,
            "args": dict(request.args),
            "key": request.headers.get("api-key"),
        }
        with self._lock:
            self.seen.append(record)
            fault = next(
                (
                    f
                    for f in self.faults
                    if f.times > 0
                    and f.method == request.method
                    and f.path == request.path
                    and (f.page is None or str(f.page) == page)
                ),
                None,
            )
            if fault is not None:
                fault.times -= 1
        if fault is not None:
            if fault.action is not None:
                fault.action()
            if fault.hold is not None:
                fault.hold.wait(60)
            time.sleep(fault.delay)
            if fault.status is not None:
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                return _json({"error": "planned fault"}, fault.status, headers)
        account = self.accounts.get(request.headers.get("api-key", ""))
        if account is None:
            return _json({"error": "Invalid api key"}, 401)
        with self._lock:
            return self._route(account, request)

    def _route(self, account: Account, request: Request) -> Response:
        path, method = request.path, request.method
        if path == "/v1/user/info":
            return _json({"data": {"id": account.id, "name": account.name, "url": ""}})
        if path == "/v1/workouts/count":
            return _json({"workout_count": len(account.workouts)})
        if path == "/v1/workouts":
            items = sorted(account.workouts.values(), key=lambda w: w["start_time"], reverse=True)
            return _paged(request, "workouts", items)
        if path == "/v1/workouts/events":
            since = dt.datetime.fromisoformat(request.args.get("since", "1970-01-01T00:00:00Z"))
            items = [e for t, e in sorted(account.events, key=lambda x: x[0]) if t > since]
            return _paged(request, "events", items[::-1])
        if path == "/v1/exercise_templates":
            builtin = [{"id": k, "title": v, "is_custom": False} for k, v in BUILTIN.items()]
            return _paged(request, "exercise_templates", builtin + list(account.templates.values()))
        if path == "/v1/routines" and method == "GET":
            return _paged(request, "routines", list(account.routines.values()))
        if path == "/v1/routines" and method == "POST":
            body = _routine_body(request, account, folder=True)
            if isinstance(body, Response):
                return body
            if len(account.routines) >= account.routine_limit:
                return _json({"error": "Routine limit reached"}, 403)
            routine_id = f"r{next(self._counter)}"
            account.routines[routine_id] = {"id": routine_id, **body}
            return _json({"routine": account.routines[routine_id]}, 201)
        found = re.fullmatch(r"/v1/routines/([^/]+)", path)
        if found and method == "PUT":
            if found[1] not in account.routines:
                return _json({"error": "Routine not found"}, 404)
            body = _routine_body(request, account, folder=False)
            if isinstance(body, Response):
                return body
            account.routines[found[1]] = {"id": found[1], **body}
            return _json({"routine": account.routines[found[1]]})
        return _json({"error": "Not found"}, 404)


def _json(body, status: int = 200, headers=None) -> Response:
    return Response(json.dumps(body), status, headers, content_type="application/json")


def _paged(request: Request, name: str, items: list) -> Response:
    try:
        page, size = int(request.args.get("page", 1)), int(request.args.get("pageSize", 5))
    except ValueError:
        return _json({"error": "page and pageSize must be numbers"}, 400)
    if not 1 <= size <= LIMITS[name]:
        return _json({"error": f"pageSize must be between 1 and {LIMITS[name]}"}, 400)
    count = (len(items) + size - 1) // size
    if page < 1 or (page > count and page > 1):
        return _json({"error": "Page not found"}, 404)
    return _json({"page": page, "page_count": count, name: items[(page - 1) * size : page * size]})


def _routine_body(request: Request, account: Account, folder: bool):
    routine = (request.get_json(silent=True) or {}).get("routine")
    if not isinstance(routine, dict) or not routine.get("title"):
        return _json({"error": "routine.title is required"}, 400)
    if not folder and "folder_id" in routine:
        return _json({"error": "folder_id is not allowed in an update"}, 400)
    known = set(BUILTIN) | set(account.templates)
    for exercise in routine.get("exercises", []):
        if exercise.get("exercise_template_id") not in known:
            return _json({"error": "Invalid exercise template id"}, 400)
    return {k: v for k, v in routine.items() if k != "folder_id"}


def workout(
    workout_id: str, start: dt.datetime, exercises: list[tuple[str, str, list[dict]]], title="W"
) -> dict:
    """Return a workout as the API gives it: exercises as (template id, title, sets)."""
    return {
        "id": workout_id,
        "title": title,
        "routine_id": None,
        "description": "",
        "start_time": utc(start),
        "end_time": utc(start + dt.timedelta(hours=1)),
        "created_at": utc(start),
        "updated_at": utc(start),
        "exercises": [
            {
                "index": i,
                "title": name,
                "notes": "",
                "exercise_template_id": template,
                "supersets_id": None,
                "sets": [
                    {
                        "index": j,
                        "type": "normal",
                        "weight_kg": None,
                        "reps": None,
                        "distance_meters": None,
                        "duration_seconds": None,
                        "rpe": None,
                        "custom_metric": None,
                    }
                    | s
                    for j, s in enumerate(sets)
                ],
            }
            for i, (template, name, sets) in enumerate(exercises)
        ],
    }
