"""When jobs finish (`SandboxOptions.progression`, after moto's state manager): by the clock, on the read that shows
them, or on the complete-jobs admin call; over HTTP."""

from __future__ import annotations

import httpx
import pytest

from lib.sandbox.__main__ import parse_args
from lib.sandbox.options import SandboxOptions
from tests.sandbox.helpers import BASE, PLAN, activity_posts, admin, complete_jobs, get_plan

LONG = 600.0  # seconds: a job the clock would not finish during the test


def _site(api: httpx.Client) -> str:
    return api.headers["wix-site-id"]


def _summary(sandbox, api: httpx.Client) -> dict:
    return admin(sandbox, "GET", f"/sites/{_site(api)}").json()


def _generate(api: httpx.Client) -> None:
    assert api.post(f"{PLAN}/generate-marketing-plan", json={}).json() == {"status": "GENERATING"}


def _without_posts(api: httpx.Client, count: int) -> list[str]:
    """Social activities of the site's plan that have no posts yet."""
    plan = get_plan(api)
    ids = [
        a["marketingActivityId"]
        for a in plan["marketingActivities"]
        if not a["items"] and a["marketingActivityType"] == "SOCIAL_MARKETING"
    ][:count]
    assert len(ids) == count, "later activities come without posts"
    return ids


def test_time_finishes_jobs_by_the_clock(start, connect):
    slow = connect(start(scenario="fresh", progression="time", generation_seconds=LONG))
    _generate(slow)
    assert get_plan(slow)["status"] == "GENERATING", "not before its time"
    instant = connect(start(scenario="demo", progression="time", generation_seconds=0, post_seconds=0))
    _generate(instant)
    assert get_plan(instant)["status"] == "ACTIVE"
    (aid,) = _without_posts(instant, 1)
    instant.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": [aid]})
    assert activity_posts(instant, [aid])[aid]


def test_reads_finish_a_generation_on_the_next_plan_read_only(start, connect):
    sandbox = start(scenario="fresh", progression="reads", generation_seconds=0)
    api = connect(sandbox)
    _generate(api)
    assert api.get(f"{BASE}/marketing-settings").status_code == 200
    assert _summary(sandbox, api)["status"] == "GENERATING", "neither another read nor the admin view finishes it"
    assert api.post(f"{PLAN}/regenerate-marketing-plan", json={}).status_code == 428, "still generating"
    plan = get_plan(api)
    assert plan["status"] == "ACTIVE" and plan["marketingActivities"]


def test_reads_finish_post_jobs_on_the_read_that_shows_their_activity(start, connect):
    sandbox = start(scenario="demo", progression="reads", post_seconds=0)
    api = connect(sandbox)
    first, second = _without_posts(api, 2)
    api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": [first, second]})
    assert _summary(sandbox, api)["pendingPostJobs"] == 2
    assert activity_posts(api, [first])[first], "the read of its activity finishes its job"
    assert _summary(sandbox, api)["pendingPostJobs"] == 1, "the other activity was not read"
    by_id = {a["marketingActivityId"]: a for a in get_plan(api)["marketingActivities"]}
    assert by_id[second]["items"], "the plan read shows every activity's posts"
    assert _summary(sandbox, api)["pendingPostJobs"] == 0


def test_manual_finishes_jobs_only_on_the_admin_call(start, connect):
    sandbox = start(scenario="fresh", progression="manual", generation_seconds=0, post_seconds=0)
    api = connect(sandbox)
    _generate(api)
    assert get_plan(api)["status"] == "GENERATING", "neither the clock nor a read finishes it"
    assert complete_jobs(api) == {"completedJobs": 1, "status": "ACTIVE"}
    (aid,) = _without_posts(api, 1)
    api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": [aid]})
    assert activity_posts(api, [aid])[aid] == []
    assert complete_jobs(api) == {"completedJobs": 1, "status": "ACTIVE"}
    assert activity_posts(api, [aid])[aid]
    assert complete_jobs(api) == {"completedJobs": 0, "status": "ACTIVE"}, "nothing left to finish"


def test_the_admin_call_finishes_jobs_early_in_time_progression(start, connect):
    api = connect(start(scenario="fresh", progression="time", generation_seconds=LONG))
    _generate(api)
    assert complete_jobs(api) == {"completedJobs": 1, "status": "ACTIVE"}
    assert get_plan(api)["status"] == "ACTIVE"


@pytest.mark.parametrize("progression", ["time", "reads", "manual"])
def test_a_failed_generation_is_reachable_in_every_progression(start, connect, progression):
    sandbox = start(scenario="fresh", progression=progression, generation_seconds=0)
    api = connect(sandbox)
    assert admin(sandbox, "POST", f"/sites/{_site(api)}/fail-next-generation").status_code == 200
    _generate(api)
    if progression == "manual":
        assert complete_jobs(api)["status"] == "FAILED"
    assert get_plan(api) == {"status": "FAILED", "marketingActivities": []}


def test_health_names_the_progression(start):
    sandbox = start(scenario="fresh", progression="reads")
    assert admin(sandbox, "GET", "/health").json()["progression"] == "reads"


def test_progression_is_checked_once_for_code_and_the_command_line(capsys):
    assert SandboxOptions().progression == "time", "the app's users and demos see polling"
    with pytest.raises(ValueError, match="unknown progression 'instant'"):
        SandboxOptions(progression="instant")
    options, _, _ = parse_args(["--progression", "manual"])
    assert options.progression == "manual"
    with pytest.raises(SystemExit):
        parse_args(["--progression", "instant"])
    assert "unknown progression 'instant'" in capsys.readouterr().err
