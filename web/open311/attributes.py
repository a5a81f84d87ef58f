"""The attributes every service (category) takes, as GeoReport v2 service definitions.

They carry the two choices the bot asks every citizen: whether the complaint may be shown in
public, and whether the agency may see the reporter's name. Both default to "no": an API client
that does not ask its user must not publish anything, nor hand out anyone's name.
"""

from __future__ import annotations

from typing import Any

from web.texts import SiteTexts

YES_NO = ("yes", "no")
ATTRIBUTES = ("public", "share_name")


def definition(texts: SiteTexts, lang: str, service_code: str) -> dict[str, Any]:
    return {
        "service_code": service_code,
        "attributes": [
            {
                "variable": True,
                "code": code,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": texts.text(lang, "open311-yes-no"),
                "order": order,
                "description": texts.text(lang, f"open311-attribute-{code}"),
                "values": [
                    {"key": key, "name": texts.text(lang, f"open311-{key}")} for key in YES_NO
                ],
            }
            for order, code in enumerate(ATTRIBUTES, start=1)
        ],
    }


def yes_no(name: str, value: str | None) -> bool | str:
    """True/False for yes/no (absent: no); the problem as text for anything else."""
    if value is None or value.strip() == "":
        return False
    answer = value.strip().lower()
    if answer not in YES_NO:
        return f"attribute[{name}] must be yes or no"
    return answer == "yes"
