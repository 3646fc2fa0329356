"""Restriction rules as data, and their evaluation against service obligations.

``model`` (the pydantic rule model), ``validation`` (line-accurate pack checks), ``packs``
(loading packs and scenarios, choosing the rules of a scenario), ``country_groups`` (EAR groups
by date), ``facts`` (the input frames), ``compiled`` (the polars evaluator), ``reference``
(the plain loop that proves it), ``hits``, ``diff``, ``fingerprint`` and ``schema``. Plain data
in, plain data out: no database, no Qt.
"""
