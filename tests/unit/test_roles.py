"""Roles from ``[access.roles]``: who gets which, what each action needs, and the settings' errors."""

from __future__ import annotations

import pytest

from lib.config import load_config
from lib.roles import Role, RoleSettings, needed_for, refusal, role_of, role_settings

ROLES = {
    "viewers": ["@agency.example"],
    "editors": ["sam@shop.example"],
    "publishers": ["ana@shop.example", "@agency.example"],  # a domain on two lists: the higher role wins
    "admins": "lee@shop.example",  # a comma-separated string works too
    "default": "viewer",
}


def test_no_roles_section_means_every_allowed_user_keeps_every_right() -> None:
    settings = role_settings(None, None)
    assert settings == RoleSettings()
    assert role_of(settings, "anyone@example.com") is Role.ADMIN
    assert role_of(settings, None, by_passcode=True) is Role.ADMIN


def test_roles_by_address_domain_default_and_passcode() -> None:
    settings = role_settings(ROLES, "viewer")
    assert role_of(settings, "Sam@Shop.example ") is Role.EDITOR
    assert role_of(settings, "ana@shop.example") is Role.PUBLISHER
    assert role_of(settings, "lee@shop.example") is Role.ADMIN
    assert role_of(settings, "val@agency.example") is Role.PUBLISHER
    assert role_of(settings, "new@shop.example") is Role.VIEWER  # on no list: the default
    assert role_of(settings, None, by_passcode=True) is Role.VIEWER
    assert role_settings(ROLES, None).passcode is Role.EDITOR  # a passcode names no person: editor unless set


def test_what_each_action_needs_and_how_a_refusal_reads() -> None:
    assert needed_for("schedule drafts") is Role.PUBLISHER
    assert needed_for("delete plan") is Role.ADMIN
    assert needed_for("create event") is Role.EDITOR
    assert refusal("create event", Role.EDITOR) is None
    assert refusal("delete plan", Role.PUBLISHER) == (
        "Not done: “delete plan” needs the admin role, and you are signed in as publisher."
    )


@pytest.mark.parametrize(
    ("roles", "passcode_role", "says"),
    [
        ({"default": "owner"}, None, r"\[access.roles\] default must be one of viewer, editor, publisher, admin"),
        ({}, "boss", r"\[access\] passcode_role must be one of"),
        ({"reviewers": ["a@b.c"]}, None, r"unknown settings: reviewers"),
        ("editors", None, r"\[access.roles\] must be a table"),
    ],
)
def test_bad_role_settings_are_named(roles: object, passcode_role: object, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        role_settings(roles, passcode_role)


def test_roles_are_read_from_secrets_and_the_passcode_role_from_the_environment() -> None:
    config = load_config({"STUDIO_PASSCODE_ROLE": "publisher"}, {"access": {"roles": ROLES, "passcode_role": "viewer"}})
    assert config.roles.configured
    assert config.roles.passcode is Role.PUBLISHER
    assert role_of(config.roles, "sam@shop.example") is Role.EDITOR
