"""The knowledge base's fixed vocabularies, one `StrEnum` each, so no module retypes them.

Each member's value is what authors write in front matter and what the command line takes;
a `StrEnum` compares equal to that string, so YAML values and click choices need no mapping.
"""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    """Who may read an article: merchants on the public site, or agents only."""

    PUBLIC = "public"
    INTERNAL = "internal"


class Status(StrEnum):
    """Where an article is in its life: drafts never reach the public site."""

    DRAFT = "draft"
    PUBLISHED = "published"


class ArticleType(StrEnum):
    """The four kinds of documentation, plus `procedure` for internal step-by-step work."""

    HOW_TO = "how-to"
    REFERENCE = "reference"
    EXPLANATION = "explanation"
    TROUBLESHOOTING = "troubleshooting"
    PROCEDURE = "procedure"


class ExportFormat(StrEnum):
    """The help desk that wrote a ticket export (`auto`: detected from the file)."""

    AUTO = "auto"
    ZENDESK = "zendesk"
    FRESHDESK = "freshdesk"
    JIRA = "jira"
    GENERIC = "generic"


class StubOutcome(StrEnum):
    """What `kb stubs` did with a ticket tag (the value is what its JSON report says)."""

    COVERED = "covered"
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    EDITED = "edited"  # the stub's files were changed by a person: left as they are
    BELOW = "below-threshold"
    PRIVATE = "personal-data"  # the tag itself holds personal data: no stub, shown redacted


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The members' values in declaration order, for messages and command-line choices."""
    return tuple(member.value for member in vocabulary)
