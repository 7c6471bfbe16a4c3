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
    """The kept edits of one form (``name`` is its `lib.ui.site_state` registry name)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.saved: dict[str, Any] = {}

    def _widget_key(self, field: str) -> str:
        return site_state.key(f"{self.name}.{field}")

    def edits(self) -> dict[str, Any]:
        """Fields whose kept value differs from the saved one."""
        return dict(site_state.get(self.name, {}))

    def field(self, field: str, saved: Any) -> str:
        """The widget key for ``field``, starting from its kept edit (or ``saved``) when the widget is new."""
        key = self._widget_key(field)
        self.saved[field] = saved
        if key not in st.session_state:
            st.session_state[key] = self.edits().get(field, saved)
        return key

    def keep(self) -> dict[str, Any]:
        """After the fields are drawn: keep those that differ from the saved values; return them."""
        edits = {
            field: st.session_state[self._widget_key(field)]
            for field, saved in self.saved.items()
            if st.session_state.get(self._widget_key(field)) != saved
        }
        site_state.put(self.name, edits)
        return edits

    def discard(self) -> None:
        """Button callback: forget the edits; the fields show the saved values again."""
        for field in self.saved:
            st.session_state.pop(self._widget_key(field), None)
        site_state.pop(self.name)
