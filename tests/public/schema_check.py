"""A small JSON Schema checker for the subset the API's OpenAPI document uses (type, oneOf,
$ref, properties, required, additionalProperties, items, pattern, enum): enough to hold every
answer to the document, without a dependency the locks do not carry."""

from __future__ import annotations

import re
from typing import Any

TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
}  # fmt: skip


def problems(
    value: Any, schema: dict[str, Any], document: dict[str, Any], at: str = "$"
) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return problems(value, document["components"]["schemas"][name], document, at)
    if "oneOf" in schema:
        fits = [s for s in schema["oneOf"] if not problems(value, s, document, at)]
        return [] if len(fits) == 1 else [f"{at}: fits {len(fits)} of oneOf"]
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{at}: not an integer"]
    elif kind is not None and not isinstance(value, TYPES[kind]):
        return [f"{at}: not {kind}"]
    found: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: not one of {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{at}: does not match {schema['pattern']}")
    if kind == "object":
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{at}: lacks {key}")
        for key, item in value.items():
            if key in props:
                found += problems(item, props[key], document, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{at}: unexpected {key}")
    if kind == "array" and "items" in schema:
        for n, item in enumerate(value):
            found += problems(item, schema["items"], document, f"{at}[{n}]")
    return found
