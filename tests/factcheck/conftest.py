from __future__ import annotations

import pytest
import yaml

from factcheck_data import DATED, FACTS, RULES


@pytest.fixture
def checked(project):
    """A fixture project with the facts check's own small data files."""
    project.write("data/platform.yml", yaml.safe_dump(FACTS, allow_unicode=True))
    project.write("data/fact-rules.yml", RULES)
    project.write("data/dated-facts.yml", DATED)
    return project
