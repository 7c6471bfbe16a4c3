"""Who may do what (docs/access.md): four roles, read from ``[access.roles]``, and the role each action needs. No
Streamlit import; `lib.ui.actions.run_action` checks the role where every action runs, so a hidden or disabled button
is never the only guard.

- **viewer**: reads everything, changes nothing.
- **editor**: settings, events, activities, (re)generating the plan and posts; with four-eye approval on, asks for
  drafts to be scheduled.
- **publisher**: everything an editor does, and schedules: directly, or with approval on by approving another
  person's request (`lib.approvals`).
- **admin**: everything, and deletes the plan.

With no ``[access.roles]`` at all every allowed user is an admin, as before roles existed (passcode users too), so a
team that does not opt in sees no change.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from lib.access import normalise_addresses


class Role(IntEnum):
    """The roles, each allowed everything the one below it is."""

    VIEWER = 1
    EDITOR = 2
    PUBLISHER = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return self.name.lower()


ROLE_LISTS = {"viewers": Role.VIEWER, "editors": Role.EDITOR, "publishers": Role.PUBLISHER, "admins": Role.ADMIN}

# The role an action needs, by the audit log's name of it (lib/ui/actions.run_action); any other action is an edit.
SCHEDULE, REQUEST_SCHEDULE, SCHEDULE_APPROVED = "schedule drafts", "request scheduling", "schedule approved drafts"
ACTION_ROLES: Mapping[str, Role] = {
    SCHEDULE: Role.PUBLISHER,
    SCHEDULE_APPROVED: Role.PUBLISHER,
    "delete plan": Role.ADMIN,
}
APPROVAL_NEEDED = "Not done: with four-eye approval on, drafts are scheduled by approving a request (ask for approval)."


@dataclass(frozen=True)
class RoleSettings:
    """``[access.roles]`` and ``[access] passcode_role``; ``configured`` False when the section is absent."""

    configured: bool = False
    members: Mapping[Role, frozenset[str]] = field(default_factory=dict)  # addresses, and domains (without the "@")
    default: Role = Role.EDITOR
    passcode: Role = Role.EDITOR


def parse_role(value: object, setting: str) -> Role:
    """A role from its name ("viewer", "editor", "publisher", "admin"); the error names the setting."""
    names = {role.label: role for role in Role}
    text = str(value).strip().lower()
    if text not in names:
        raise ValueError(f"{setting} must be one of {', '.join(names)}")
    return names[text]


def role_settings(roles: object, passcode_role: object | None) -> RoleSettings:
    """Read the ``[access.roles]`` table (None when absent). Raises ``ValueError`` naming a bad setting."""
    if roles is None:
        return RoleSettings()
    if not isinstance(roles, Mapping):
        raise ValueError("[access.roles] must be a table: [access.roles] with viewers, editors, publishers, admins")
    members: dict[Role, frozenset[str]] = {}
    for key, role in ROLE_LISTS.items():
        value = roles.get(key) or ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, Collection):
            raise ValueError(f"[access.roles] {key} must be a list of e-mail addresses or @domains")
        members[role] = normalise_addresses(str(item) for item in value)
    unknown = sorted(set(roles) - {*ROLE_LISTS, "default"})
    if unknown:
        raise ValueError(f"[access.roles] has unknown settings: {', '.join(unknown)}")
    default = parse_role(roles.get("default", "editor"), "[access.roles] default")
    passcode = parse_role(passcode_role or "editor", "[access] passcode_role")
    return RoleSettings(configured=True, members=members, default=default, passcode=passcode)


def role_of(settings: RoleSettings, email: str | None, by_passcode: bool = False) -> Role:
    """The role of a signed-in address (the highest list it is on, by address or by "@domain"), of a passcode
    session, or of anyone when no roles are configured (admin)."""
    if not settings.configured:
        return Role.ADMIN
    if by_passcode or not email:
        return settings.passcode if by_passcode else settings.default
    address = email.strip().lower()
    domain = address.rpartition("@")[2]
    listed = [role for role, names in settings.members.items() if address in names or domain in names]
    return max(listed, default=settings.default)


def needed_for(action: str) -> Role:
    """The role an action needs."""
    return ACTION_ROLES.get(action, Role.EDITOR)


def refusal(action: str, role: Role, approval: bool = False) -> str | None:
    """Why ``role`` may not do ``action`` (None when it may); with four-eye ``approval`` on, nobody schedules drafts
    but by approving a request, and without it nobody schedules through one."""
    if approval and action == SCHEDULE:
        return APPROVAL_NEEDED
    if not approval and action in (REQUEST_SCHEDULE, SCHEDULE_APPROVED):
        return "Not done: four-eye approval is off, so drafts are scheduled directly."
    needed = needed_for(action)
    if role >= needed:
        return None
    return f"Not done: “{action}” needs the {needed.label} role, and you are signed in as {role.label}."
