"""What this session's role lets it use (`lib.roles`), for the controls: a control whose action the role may not do
is drawn disabled, with the role it needs as its help. `lib.ui.actions.run_action` refuses such an action anyway."""

from __future__ import annotations

from lib.roles import needed_for, refusal
from lib.ui.connection import current_connection
from lib.ui.identity import current_role


def refused(action: str) -> str | None:
    """Why this session may not do ``action`` (`lib.roles.refusal`: its role, four-eye approval), else None."""
    config = current_connection().config
    return refusal(action, current_role(config.roles), config.approval)  # no roles: admin, no st.user read


def needs(action: str) -> str | None:
    """The help of a control for ``action`` this session may not use ("Needs the publisher role."), else None."""
    if refused(action) is None:
        return None
    role, needed = current_role(current_connection().config.roles), needed_for(action)
    return f"Needs the {needed.label} role (you are signed in as {role.label})." if role < needed else "Not offered."


def approval_on() -> bool:
    """True when scheduling needs a second person's approval (``[access] approval``)."""
    return current_connection().config.approval
