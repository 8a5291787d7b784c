"""Tags as the generated client's indexed parameters.

The generator turns the contract's `Tags.N.Key` / `Tags.N.Value` (N = 1..maxItems) into one keyword
each (`tags_1_key`, …, `tags_20_value`) and knows nothing of them being one list. `tag_parameters`
numbers a list of tags from 1, as the server reads them, so that no caller writes `tags_17_key`.
"""
import inspect
from typing import Iterable, Mapping, Optional, Tuple, Union

from tmkit_client.api.traffic_mirror_api import TrafficMirrorApi

Tag = Union[Tuple[str, Optional[str]], Mapping[str, Optional[str]]]


def tag_parameters(tags: Iterable[Tag], operation=TrafficMirrorApi.create_traffic_mirror_session) -> dict:
    """[("env", "prod"), {"Key": "team", "Value": None}] -> {"tags_1_key": "env", "tags_1_value": "prod",
    "tags_2_key": "team"}. A value of None is left out (a key without a value); so is a key of None.
    Raises ValueError for more tags than the operation has indexed parameters for."""
    accepted = inspect.signature(operation).parameters
    keywords = {}
    for index, tag in enumerate(tags, start=1):
        key, value = (tag.get("Key"), tag.get("Value")) if isinstance(tag, Mapping) else tag
        for part, text in (("key", key), ("value", value)):
            keyword = f"tags_{index}_{part}"
            if keyword not in accepted:
                most = sum(1 for name in accepted if name.startswith("tags_") and name.endswith("_key"))
                raise ValueError(f"tag number {index}: the client has parameters for {most} tags (Tags.1 to Tags.{most})")
            if text is not None:
                keywords[keyword] = text
    return keywords
