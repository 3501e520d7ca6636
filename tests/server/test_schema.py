"""Schemathesis against the served OpenAPI spec: generated requests to every operation, no 5xx, conformant answers."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.server.conftest import Served

EXAMPLES = 20  # per operation: ~15 operations, bounded so the whole run stays well under a minute
# derandomize: the same examples on every run, so CI is repeatable; explore with more examples by hand.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_every_operation_against_its_spec(server: Served) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    headers = {"Authorization": f"Bearer {server.token}"}  # so POST bodies reach the pipeline and the store
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=server.url, headers=headers, timeout=60)
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as error:  # noqa: BLE001 - collected, so one run reports every operation
                failures.append(f"{case.operation.label}: {error}")

        check()
    assert not failures, "\n\n".join(failures[:5])
