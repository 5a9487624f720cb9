"""The app starts over a real store and answers over real HTTP."""

import httpx
import pytest

pytestmark = pytest.mark.xdist_group("web")


def test_openapi_schema_is_served(served):
    response = httpx.get(f"{served}/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "forewarn"
