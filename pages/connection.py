"""Connection check view: key, permission, site, plan status, connected channels, scheduling; each green or red."""

from __future__ import annotations

import streamlit as st

from lib.connection_check import CheckResult, check_channels, check_scheduling, check_site
from lib.ui.connection import current_connection
from lib.ui.shell import require_app_shell

require_app_shell()

connection = current_connection()
client = connection.client

st.title("Connection check")
where = "the bundled sandbox" if connection.is_sandbox else f"Wix site `{connection.site_id}`"
st.caption(f"Checks this app's access to {where}. Each check reads from the API; nothing is changed.")


def show(result: CheckResult) -> None:
    """One check: a green or red line with what was found and, when red, what to do."""
    icon = ":material/check_circle:" if result.ok else ":material/cancel:"
    box = st.success if result.ok else st.error
    text = f"**{result.name}**: {result.detail}"
    box(text + (f"\n\nWhat to do: {result.fix}" if result.fix else ""), icon=icon)


if st.button("Run the checks", type="primary", icon=":material/network_check:"):
    with st.spinner("Checking…"):
        results = [*check_site(client), check_channels(client), check_scheduling(client)]
    for result in results:
        show(result)
    passed = sum(result.ok for result in results)
    st.caption(f"{passed} of {len(results)} checks passed.")
else:
    st.info(
        "Scheduling is probed with ScheduleDrafts on an ID that names no draft: Wix ignores unknown IDs, so nothing "
        "is scheduled, but a site without the scheduling feature answers that it lacks it.",
        icon=":material/info:",
    )
