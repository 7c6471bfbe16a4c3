"""AppTest: the access gate in app.py, against a real sandbox site; a refused session reads no site data."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from lib.access import hash_passcode
from tests.app.conftest import APP, APP_TIMEOUT, AUTH, Site, by_label, open_page
from tests.postgres_support import free_port

PASSCODE = "tide-lantern-orchard-42"


class FrozenClock:
    """Stands in for the `time` module of lib/access.py: the backoff only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 5000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    """A frozen clock for both throttles (each test's database is its own: no earlier test's wrong passcodes)."""
    frozen = FrozenClock()
    monkeypatch.setattr("lib.access.time", SimpleNamespace(monotonic=frozen.monotonic))
    monkeypatch.setattr("lib.store.throttle.time", SimpleNamespace(time=frozen.monotonic))  # the shared count's clock
    return frozen


def site_requests(site: Site) -> int:
    """How many API requests the sandbox has seen for this site."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(1 for request in log if request.get("site") == site.site_id)


def shown_text(at: AppTest) -> str:
    """Everything the screen says in text elements (main area and sidebar)."""
    elements = [*at.markdown, *at.caption, *at.error, *at.warning, *at.info, *at.success, *at.code, *at.text]
    return "\n".join(str(element.value) for element in elements)


def assert_nothing_but_the_gate(at: AppTest, site: Site) -> None:
    assert not at.exception
    assert at.dataframe.len == 0
    assert len(at.sidebar.children) == 0, "the sidebar (banner, time zone, account) belongs to signed-in sessions"
    assert site_requests(site) == 0


def enter_passcode(at: AppTest, passcode: str, name: str = "") -> AppTest:
    by_label(at.text_input, "Your name (shown in the activity log)").input(name)
    by_label(at.text_input, "Passcode").input(passcode)
    return by_label(at.button, "Enter").click().run()


@pytest.fixture
def passcode_site(site_factory, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A live site whose app asks for the shared passcode, stored in the older unsalted SHA-256 form."""
    site = site_factory("demo")
    monkeypatch.delenv("STUDIO_ALLOW_ANONYMOUS")
    monkeypatch.setenv("STUDIO_PASSCODE_SHA256", hashlib.sha256(PASSCODE.encode()).hexdigest())
    return site


@pytest.fixture
def scrypt_passcode_site(site_factory, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A live site whose app asks for the shared passcode, stored as `python -m lib.access hash` makes it."""
    site = site_factory("demo")
    monkeypatch.delenv("STUDIO_ALLOW_ANONYMOUS")
    monkeypatch.setenv("STUDIO_PASSCODE_SHA256", hash_passcode(PASSCODE, n=2**10))
    return site


def test_scrypt_passcode_lets_the_session_in(scrypt_passcode_site) -> None:
    at = enter_passcode(open_page(), PASSCODE, name="Ana")
    assert not at.exception
    assert at.dataframe.len > 0
    assert "Signed in with the passcode as `Ana`" in [markdown.value for markdown in at.sidebar.markdown]


def test_wrong_passcode_is_refused_against_a_scrypt_hash(scrypt_passcode_site) -> None:
    at = enter_passcode(open_page(), "tide-lantern-orchard-41")
    assert [error.value for error in at.error] == ["That passcode is not right. You can try again in 2 seconds."]
    assert_nothing_but_the_gate(at, scrypt_passcode_site)


def test_live_without_access_settings_shows_setup_and_reads_nothing(site_factory, monkeypatch) -> None:
    site = site_factory("demo")
    monkeypatch.delenv("STUDIO_ALLOW_ANONYMOUS")
    at = open_page()
    assert_nothing_but_the_gate(at, site)
    assert "Access to this app is not set up yet." in [warning.value for warning in at.warning]
    text = shown_text(at)
    for setting in ("[auth]", "allowed_emails", "passcode_sha256", "allow_anonymous = true", "docs/access.md"):
        assert setting in text
    assert site.site_id not in text
    assert at.button.len == 0


def test_allow_anonymous_opens_live_mode_without_an_account_box(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    assert not at.exception
    assert at.dataframe.len > 0
    assert "Sign out" not in [button.label for button in at.sidebar.button]
    assert site_requests(site) > 0


def test_passcode_gate_shows_only_the_form(passcode_site) -> None:
    at = open_page()
    assert_nothing_but_the_gate(at, passcode_site)
    assert [text_input.label for text_input in at.text_input] == ["Your name (shown in the activity log)", "Passcode"]


def test_right_passcode_lets_the_session_in(passcode_site) -> None:
    at = enter_passcode(open_page(), PASSCODE, name="Ana")
    assert not at.exception
    assert at.dataframe.len > 0
    assert site_requests(passcode_site) > 0
    assert "Signed in with the passcode as `Ana`" in [markdown.value for markdown in at.sidebar.markdown]
    assert "Sign out" in [button.label for button in at.sidebar.button]
    assert PASSCODE not in shown_text(at)


def test_sign_out_locks_the_passcode_session_again(passcode_site) -> None:
    at = enter_passcode(open_page(), PASSCODE, name="Ana")
    by_label(at.sidebar.button, "Sign out").click().run()
    assert at.dataframe.len == 0
    assert len(at.sidebar.children) == 0
    assert by_label(at.text_input, "Passcode").value == ""


def test_wrong_passcode_is_refused_with_a_delay_and_nothing_else(passcode_site, clock) -> None:
    at = enter_passcode(open_page(), "tide-lantern-orchard-41")
    assert [error.value for error in at.error] == ["That passcode is not right. You can try again in 2 seconds."]
    assert_nothing_but_the_gate(at, passcode_site)
    assert "tide-lantern-orchard-41" not in shown_text(at)
    assert by_label(at.text_input, "Passcode").value == "", "the typed passcode is not kept"

    clock.now += 1.2  # still inside the delay: even the right passcode is not checked
    at = enter_passcode(at, PASSCODE)
    assert [error.value for error in at.error] == [
        "Too many wrong passcodes. Try again in 1 second; this attempt was not checked."
    ]
    assert_nothing_but_the_gate(at, passcode_site)

    clock.now += 1
    at = enter_passcode(at, PASSCODE)
    assert at.error.len == 0
    assert at.dataframe.len > 0


def test_wrong_passcodes_from_another_session_delay_a_new_session(passcode_site, clock) -> None:
    enter_passcode(open_page(), "guess-one")
    clock.now += 3
    enter_passcode(open_page(), "guess-two")  # a fresh session: its own count is zero, the process's is two
    at = enter_passcode(open_page(), PASSCODE)
    assert [error.value for error in at.error] == [
        "Too many wrong passcodes. Try again in 4 seconds; this attempt was not checked."
    ]
    assert_nothing_but_the_gate(at, passcode_site)


def signed_in_app(user: dict[str, object], access: dict[str, object]) -> AppTest:
    """The app with OpenID Connect configured and `user` as st.user would report it after st.login."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": AUTH, "access": access}
    at.user = user
    return at.run()


@pytest.fixture
def sign_in_site(site_factory) -> Site:
    """A live site whose app asks for OpenID Connect sign-in (anonymous use would be allowed without it)."""
    return site_factory("demo")


def test_sign_in_gate_offers_only_the_sign_in_button(sign_in_site) -> None:
    at = signed_in_app({"is_logged_in": False}, {"allowed_domains": ["team.example"]})
    assert_nothing_but_the_gate(at, sign_in_site)
    assert [button.label for button in at.button] == ["Sign in"]


def test_allowed_address_gets_in_and_sees_its_email_in_the_sidebar(sign_in_site) -> None:
    at = signed_in_app({"is_logged_in": True, "email": "Bob@Team.example"}, {"allowed_domains": ["team.example"]})
    assert not at.exception
    assert at.dataframe.len > 0
    assert "Signed in as `Bob@Team.example`" in [markdown.value for markdown in at.sidebar.markdown]
    assert "Sign out" in [button.label for button in at.sidebar.button]


def test_address_outside_the_allow_list_is_refused_politely(sign_in_site) -> None:
    at = signed_in_app(
        {"is_logged_in": True, "email": "eve@elsewhere.example"},
        {"allowed_emails": ["ana@example.com"], "allowed_domains": ["team.example"]},
    )
    assert_nothing_but_the_gate(at, sign_in_site)
    assert "`eve@elsewhere.example` does not have access" in at.info[0].value
    assert [button.label for button in at.button] == ["Sign out"]


def test_unverified_address_is_refused(sign_in_site) -> None:
    at = signed_in_app(
        {"is_logged_in": True, "email": "ana@example.com", "email_verified": False},
        {"allowed_emails": ["ana@example.com"]},
    )
    assert_nothing_but_the_gate(at, sign_in_site)
    assert "does not have access" in at.info[0].value


def test_sign_in_with_an_empty_allow_list_asks_for_setup(sign_in_site) -> None:
    at = signed_in_app({"is_logged_in": True, "email": "ana@example.com"}, {})
    assert_nothing_but_the_gate(at, sign_in_site)
    assert "the allow-list is empty" in at.warning[0].value


def test_with_the_database_unreachable_no_passcode_is_checked(
    scrypt_passcode_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "db-Passw0rd-gate-0815"
    monkeypatch.setenv("STUDIO_DATABASE_URL", f"postgresql://studio:{password}@127.0.0.1:{free_port()}/studio")
    at = enter_passcode(open_page(), PASSCODE)  # even the right one: wrong ones could not be counted
    assert [error.value for error in at.error] == [
        "The passcode could not be checked: the app's database cannot be reached. Tell whoever runs this app."
    ]
    assert_nothing_but_the_gate(at, scrypt_passcode_site)
    assert password not in str([element.value for element in at.main if hasattr(element, "value")])
