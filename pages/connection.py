"""Connection check view: key, permission, site, plan status, connected channels, scheduling; each green, red or
not checked here. Every check is a read: nothing on the site is changed."""

from __future__ import annotations

import streamlit as st

from lib.connection_check import CheckResult, run_checks
from lib.ui.connection import current_connection
from lib.ui.shell import require_app_shell

require_app_shell()

connection = current_connection()
client = connection.client

st.title("Connection check")
where = "the bundled sandbox" if connection.is_sandbox else f"Wix site `{connection.site_id}`"
st.caption(f"Checks this app's access to {where}. Each check reads from the API; nothing is changed.")


def show(result: CheckResult) -> None:
    """One check: a green, red or neutral line with what was found and, when red, what to do."""
    text = f"**{result.name}**: {result.detail}"
    if result.ok is None:
        st.info(text, icon=":material/info:")
    elif result.ok:
        st.success(text, icon=":material/check_circle:")
    else:
        st.error(text + (f"\n\nWhat to do: {result.fix}" if result.fix else ""), icon=":material/cancel:")


def summary(results: list[CheckResult]) -> str:
    """e.g. "5 of 5 checks passed." (a line not checked here is not counted)"""
    checked = [result for result in results if result.ok is not None]
    return f"{sum(bool(result.ok) for result in checked)} of {len(checked)} checks passed."


if st.button("Run the checks", type="primary", icon=":material/network_check:"):
    with st.spinner("Checking…"):
        results = run_checks(client)
    for result in results:
        show(result)
    st.caption(summary(results))
else:
    st.info(
        "Every check is a read. Whether the site may schedule posts (a premium feature) Wix says only when drafts "
        "are scheduled, so that is checked then, not here.",
        icon=":material/info:",
    )
