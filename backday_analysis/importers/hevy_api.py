"""Talk to Hevy's public API for one client: requests with time-outs, retries and paging.

Every request carries the client's key in the ``api-key`` header and has a time-out
(:attr:`RetryPolicy.timeout`). Requests that fail for a passing reason are retried with
:mod:`stamina` (exponential back-off with jitter, a cap on attempts and on total time):

- HTTP 429: after the ``Retry-After`` Hevy names (seconds or an HTTP date), else the back-off;
  a wait longer than :attr:`RetryPolicy.longest_retry_after` is not waited for;
- HTTP 5xx, a time-out or a dropped connection: after the back-off.

Anything else fails at once with one sentence (:class:`HevyError`): a refused key (401, 403)
names the client and what to do. The key itself is never part of a message, a log line or an
exception: at most its last four characters (:func:`key_hint`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import stamina

from backday_analysis.errors import BackdayError

BASE_URL_ENV = "BACKDAY_HEVY_API"
DEFAULT_BASE_URL = "https://api.hevyapp.com"
#: The largest ``pageSize`` Hevy accepts, per list.
PAGE_SIZES = {"workouts": 10, "events": 10, "routines": 10, "exercise_templates": 100}
KEY_HELP = "the client creates one in Hevy's web app under Settings, Developer (Hevy Pro)"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait for Hevy and how often to try again, in seconds."""

    timeout: float = 30.0
    attempts: int = 6
    total: float = 300.0
    wait_initial: float = 1.0
    wait_max: float = 30.0
    longest_retry_after: float = 120.0


class HevyError(BackdayError):
    """A request Hevy refused or did not answer; ``status`` is the HTTP status (None: none)."""

    def __init__(self, message: str, status: int | None = None, key_refused: bool = False):
        super().__init__(message)
        self.status = status
        self.key_refused = key_refused


class _Retryable(Exception):
    """An answer worth asking again for (429, 5xx); never shown to a person."""

    def __init__(self, response: httpx.Response):
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def base_url() -> str:
    """Return the API's base URL: ``$BACKDAY_HEVY_API``, else Hevy's own."""
    return (os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


def key_hint(key: str) -> str:
    """Return the part of a key a person may see: its last four characters."""
    return "…" + key[-4:] if len(key) > 8 else "…"


def retry_after(response: httpx.Response, now: dt.datetime | None = None) -> float | None:
    """Return the seconds a 429 asks to wait (``Retry-After``), or None when it names none."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max((when - (now or dt.datetime.now(dt.UTC))).total_seconds(), 0.0)


class HevyClient:
    """Requests to Hevy with one client's key.

    Parameters
    ----------
    key : str
        The client's API key.
    client_id : str
        The client, named in every error message.
    url : str, optional
        Base URL (default :func:`base_url`).
    policy : RetryPolicy, optional
        Time-outs and retries (default :class:`RetryPolicy`).
    """

    def __init__(self, key: str, client_id: str, url: str | None = None, policy=None):
        self._key = key
        self.client_id = client_id
        self.policy = policy or RetryPolicy()
        self.retries = 0
        self._http = httpx.Client(
            base_url=url or base_url(),
            headers={"api-key": key, "accept": "application/json"},
            timeout=httpx.Timeout(self.policy.timeout),
        )

    def __enter__(self) -> HevyClient:
        return self

    def __exit__(self, *exc) -> None:
        self._http.close()

    def _should_retry(self, exc: Exception, idempotent: bool = True) -> bool | float:
        """Stamina's hook: whether to retry, or the seconds to wait (``Retry-After``).

        A request that is not idempotent (a POST) is retried only after a 429, which says it
        was not carried out; after a 5xx or a time-out it may have been.
        """
        if isinstance(exc, _Retryable):
            status = exc.response.status_code
            if status != 429 and not idempotent:
                return False
            wait = retry_after(exc.response) if status == 429 else None
            if wait is not None and wait > self.policy.longest_retry_after:
                return False
            log.info("Hevy answered HTTP %s for %s; trying again", status, self.client_id)
            self.retries += 1
            return wait if wait is not None else True
        if isinstance(exc, httpx.UnsupportedProtocol):
            return False
        if isinstance(exc, httpx.TransportError) and idempotent:
            log.info("Hevy did not answer for %s (%s); trying again", self.client_id, _kind(exc))
            self.retries += 1
            return True
        return False

    def request(self, method: str, path: str, params=None, body=None) -> httpx.Response:
        """Send one request, retried as the module says; return Hevy's answer (2xx or 4xx)."""
        p = self.policy
        idempotent = method != "POST"
        tried = 0
        try:
            for attempt in stamina.retry_context(
                on=lambda exc: self._should_retry(exc, idempotent),
                attempts=p.attempts,
                timeout=p.total,
                wait_initial=p.wait_initial,
                wait_max=p.wait_max,
                wait_jitter=p.wait_initial,
            ):
                with attempt:
                    tried = attempt.num
                    response = self._http.request(method, path, params=params, json=body)
                    if response.status_code == 429 or response.status_code >= 500:
                        raise _Retryable(response)
        except _Retryable as exc:
            raise self._gave_up(method, path, params, exc.response, tried) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL):
            raise HevyError(
                f"the API address '{self._http.base_url}' is not an http or https address; "
                f"fix {BASE_URL_ENV}, or unset it to use Hevy's."
            ) from None
        except httpx.TransportError as exc:
            raise HevyError(
                f"Hevy could not be reached for client '{self.client_id}' ({_kind(exc)} on "
                f"{_what(method, path, params)}, {_times(tried)}); {_NOTHING}; check the "
                "network and run the command again."
            ) from None
        status = response.status_code
        # A 403 from the routines is the account's routine limit, not the key.
        if status == 401 or (status == 403 and not path.startswith("/v1/routines")):
            raise self.key_refused(status)
        return response

    def key_refused(self, status: int) -> HevyError:
        """Return the one sentence for a wrong or revoked key."""
        return HevyError(
            f"Hevy refused the API key of client '{self.client_id}' (HTTP {status}, key ending "
            f"{key_hint(self._key)[1:]}): it is wrong or was revoked; ask the client for a new "
            f"key ({KEY_HELP}) and run: backday connect hevy --client {self.client_id}",
            status,
            key_refused=True,
        )

    def _gave_up(self, method, path, params, response: httpx.Response, tried) -> HevyError:
        status = response.status_code
        what = _what(method, path, params)
        if status == 429:
            wait = retry_after(response)
            asked = f", and asks to wait {wait:.0f} s" if wait is not None else ""
            return HevyError(
                f"Hevy answered 'too many requests' (HTTP 429) to {what} for client "
                f"'{self.client_id}', {_times(tried)}{asked}; {_NOTHING}; run the command "
                "again later.",
                status,
            )
        return HevyError(
            f"Hevy's server failed (HTTP {status}) on {what} for client '{self.client_id}', "
            f"{_times(tried)}; {_NOTHING}; run the command again later.",
            status,
        )

    def get(self, path: str, params: dict | None = None) -> dict:
        """GET a JSON object; a 404 or any other 4xx is a :class:`HevyError`."""
        response = self.request("GET", path, params)
        if response.status_code != 200:
            raise self.refused("GET", path, params, response)
        return self.json(response, "GET", path, params)

    def json(self, response: httpx.Response, method: str, path: str, params=None) -> dict:
        """Return an answer's JSON object, or one sentence when it is not one."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise HevyError(
                f"Hevy's answer to {_what(method, path, params)} for client "
                f"'{self.client_id}' is not the JSON object its API describes; nothing was "
                "changed; run the command again, and if it persists, Hevy's API has changed.",
                response.status_code,
            )
        return body

    def refused(self, method: str, path: str, params, response: httpx.Response) -> HevyError:
        """Return the sentence for a 4xx answer, with Hevy's own words (cut, key scrubbed)."""
        said = " ".join(response.text.split())[:200].replace(self._key, key_hint(self._key))
        return HevyError(
            f"Hevy refused {_what(method, path, params)} for client '{self.client_id}' "
            f"(HTTP {response.status_code}{': ' + said if said else ''}).",
            response.status_code,
        )

    def pages(self, path: str, items: str, **params) -> Iterator[list[dict]]:
        """Yield each page's list ``items`` of a paged list, from page 1 to ``page_count``.

        A 404 for a page means there is none (Hevy may answer so past the end, or for an
        empty list).
        """
        size = PAGE_SIZES[items]
        page, count = 1, 1
        while page <= count:
            query = {**params, "page": page, "pageSize": size}
            response = self.request("GET", path, query)
            if response.status_code == 404:
                return
            if response.status_code != 200:
                raise self.refused("GET", path, query, response)
            body = self.json(response, "GET", path, query)
            found = body.get(items)
            count = body.get("page_count")
            if not isinstance(found, list) or not isinstance(count, int):
                raise HevyError(
                    f"Hevy's answer to {_what('GET', path, query)} for client "
                    f"'{self.client_id}' has no '{items}' list or page_count; nothing was "
                    "changed; Hevy's API may have changed.",
                    response.status_code,
                )
            yield found
            page += 1


_NOTHING = "nothing was changed in the data folder for this client"


def _times(tried: int) -> str:
    return "tried once" if tried == 1 else f"tried {tried} times"


def _what(method: str, path: str, params: dict | None) -> str:
    page = f" page {params['page']}" if params and "page" in params else ""
    return f"{method} {path}{page}"


def _kind(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "no answer in time"
    if isinstance(exc, httpx.ConnectError):
        return "the connection was refused or the address is unknown"
    return "the connection broke"
