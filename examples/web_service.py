"""A small web service (Starlette) that serves personalized timelines and the web player page.

Run it: ``pip install 'backstretch[examples]' uvicorn`` then
``uvicorn --app-dir examples web_service:app``, and open
http://127.0.0.1:8000/routines/pilates-for-back-pain/player?avoid=knee&fit=10m

- ``GET /routines``: the built-in routines, with their length.
- ``GET /routines/{name}/timeline?level=gentle&avoid=knee&fit=10m&affected=left``: the timeline
  document (JSON); ``affected`` names the person's affected side, for a routine that works one side
  more (such a routine without it is a 400 that says so).
- ``GET /routines/{name}/player?...``: the same, as a page that plays it (the ``.html`` export).

Bad options are a 400 with the library's own message; an unknown routine is a 404. Compiled
timelines are cached: they are immutable values, so one can serve every request that asks for it.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from backstretch import (
    BackstretchError,
    Timeline,
    UnknownRoutineError,
    catalog,
    compile_routine,
    dumps_timeline,
    format_ms,
)
from backstretch.exports import write_to_string


@lru_cache(maxsize=256)
def personalized(
    name: str, level: str, avoid: frozenset[str], fit: str | None, affected: str | None
) -> Timeline:
    return compile_routine(
        catalog.get(name), level=level, conditions=avoid, fit_to=fit, affected=affected
    )


def _timeline(request: Request) -> Timeline:
    query = request.query_params
    avoid = frozenset(c.strip() for value in query.getlist("avoid") for c in value.split(","))
    return personalized(
        request.path_params["name"],
        query.get("level", "standard"),
        avoid - {""},
        query.get("fit") or None,
        query.get("affected") or None,
    )


def _error(error: BackstretchError) -> JSONResponse:
    status = 404 if isinstance(error, UnknownRoutineError) else 400
    return JSONResponse({"error": str(error)}, status_code=status)


async def routines(request: Request) -> Response:
    listing = [
        {
            "name": name,
            "title": catalog.get(name).title,
            # The same length whichever side is affected.
            "total": format_ms(compile_routine(catalog.get(name), affected="left").total_ms),
        }
        for name in catalog.names()
    ]
    return JSONResponse(listing)


async def timeline(request: Request) -> Response:
    try:
        return Response(dumps_timeline(_timeline(request)), media_type="application/json")
    except BackstretchError as error:
        return _error(error)


async def player(request: Request) -> Response:
    try:
        return HTMLResponse(write_to_string(_timeline(request), ".html"))
    except BackstretchError as error:
        return _error(error)


app = Starlette(
    routes=[
        Route("/routines", routines),
        Route("/routines/{name}/timeline", timeline),
        Route("/routines/{name}/player", player),
    ]
)
