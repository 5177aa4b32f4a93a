"""The parents' short route is ordered by its step numbers, and a gap or repeat in them is caught."""

from __future__ import annotations

import pytest

from send_outcomes.sphinx.audience import parents_route


def test_route_is_listed_in_step_order() -> None:
    assert parents_route({"b": 2, "c": 3, "a": 1}) == ["a", "b", "c"]


@pytest.mark.parametrize("route", [{"a": 1, "b": 3}, {"a": 1, "b": 1}, {"a": 2}])
def test_gaps_and_repeats_are_refused(route: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="parents' route"):
        parents_route(route)


def test_no_route_is_an_empty_route() -> None:
    assert parents_route({}) == []
