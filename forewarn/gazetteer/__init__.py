"""Gazetteers: actors (countries, organisations, people, agent nouns) and places.

The resolvers are plain classes over the package's data files (``forewarn/data/actors`` and
``forewarn/data/places``); the spaCy component that marks actor mentions lives in
:mod:`forewarn.gazetteer.actor_ruler`, imported only when a pipeline is built.
"""

from __future__ import annotations

from forewarn.gazetteer.actors import ActorGazetteer
from forewarn.gazetteer.places import PlaceGazetteer

__all__ = ["ActorGazetteer", "PlaceGazetteer"]
