"""What this session's role lets it use (`lib.roles`), for the controls: a control whose action the role may not do
is drawn disabled, with the role it needs as its help. `lib.ui.actions.run_action` refuses such an action anyway."""

from __future__ import annotations

from lib.roles import needed_for, refusal
from lib.ui.connection import current_connection
from lib.ui.identity import current_role


def needs(action: str) -> str | None:
    """The help of a control for ``action`` this session may not use ("Needs the publisher role."), else None."""
    config = current_connection().config
    role = current_role(config.roles)  # without [access.roles]: admin at once, no st.user read
    if refusal(action, role, config.approval) is None:
        return None
    needed = needed_for(action)
    return f"Needs the {needed.label} role (you are signed in as {role.label})." if role < needed else "Not offered."


def approval_on() -> bool:
    """True when scheduling needs a second person's approval (``[access] approval``)."""
    return current_connection().config.approval
