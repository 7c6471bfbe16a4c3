"""Marketing Plan Studio: router. Page config, access gate, connection (sandbox or live), banner, navigation."""

from __future__ import annotations

import streamlit as st

from lib.ui.access_gate import render_account, require_access
from lib.ui.chrome import render_connection_banner, render_site_switcher, render_timezone_picker
from lib.ui.connection import connection_for, current_config
from lib.ui.shell import leave_legacy_mode

leave_legacy_mode()
st.set_page_config(page_title="Marketing Plan Studio", page_icon=":material/campaign:", layout="wide")

config = current_config()
access = require_access(config)  # before any site data is read; a refused session stops here
render_site_switcher(config)
connection = connection_for(config)
render_connection_banner(connection)
render_account(access)
render_timezone_picker()

approvals = [st.Page("pages/approvals.py", title="Approvals", icon=":material/approval:")] if config.approval else []
navigation = st.navigation(
    [
        st.Page("pages/plan.py", title="Plan", icon=":material/calendar_month:", default=True),
        *approvals,  # four-eye approval on ([access] approval)
        st.Page("pages/settings.py", title="Settings", icon=":material/tune:"),
        st.Page("pages/events.py", title="Events", icon=":material/event:"),
        st.Page("pages/activity.py", title="Activity", icon=":material/campaign:"),
        st.Page("pages/connection.py", title="Connection check", icon=":material/network_check:"),
        st.Page("pages/activity_log.py", title="Activity log", icon=":material/history:"),
    ]
)
navigation.run()
