"""The JSON API (``/api/...``), documented by the app's OpenAPI schema."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["api"])
