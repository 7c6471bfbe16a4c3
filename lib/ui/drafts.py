"""Unsaved edits that survive navigation: a form's values kept under the site until saved or discarded.

Streamlit forgets the state of a widget that a run does not draw, so a half-edited form lost every edit when the user
opened another view and came back. Here each field's widget key is set, before the widget is drawn, from the kept
edit or else the saved value (no ``value=`` argument, so the two never disagree), and after drawing the fields that
differ from the saved values are kept in plain session state, which Streamlit does not clean up. This is the pattern
Streamlit's docs give for widgets across pages: https://docs.streamlit.io/develop/concepts/multipage-apps/widgets
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.ui import site_state


class FormDraft:
    """The kept edits of one form (``name`` is its `lib.ui.site_state` registry name). Made once per run: the site's
    key prefix and the kept edits are read once, as every session-state access costs a lock and a check."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._prefix = site_state.key(f"{name}.")
        self._kept: dict[str, Any] = dict(site_state.get(name, {}))
        self._present = set(st.session_state.to_dict())  # one read for all fields, not one per field
        self.saved: dict[str, Any] = {}

    def field(self, field: str, saved: Any) -> str:
        """The widget key for ``field``, starting from its kept edit (or ``saved``) when the widget is new."""
        key = self._prefix + field
        self.saved[field] = saved
        if key not in self._present:
            st.session_state[key] = self._kept.get(field, saved)
        return key

    def keep(self) -> dict[str, Any]:
        """After the fields are drawn: keep those that differ from the saved values; return them."""
        state = st.session_state.to_dict()
        values = {field: state.get(self._prefix + field) for field in self.saved}
        edits = {field: value for field, value in values.items() if value != self.saved[field]}
        if edits != self._kept:
            site_state.put(self.name, edits)
        return edits

    def discard(self) -> None:
        """Button callback: forget the edits; the fields show the saved values again."""
        for field in self.saved:
            st.session_state.pop(self._prefix + field, None)
        site_state.pop(self.name)
