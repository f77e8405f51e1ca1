"""What a sentence asserts: calls, plans, proposals, invitations and denials report no event."""

from __future__ import annotations

import pytest

from ilo_kg.textfacts import event_kinds, funder_context, ratification_sentences


@pytest.mark.parametrize(
    "text",
    [
        "The ILO calls on the Government to ratify Convention No. 190, which is not yet ratified.",
        "Albania has not yet ratified the Violence and Harassment Convention.",
        "The Parliament will ratify the Convention next year.",
        "The ILO helps Georgia to ratify Convention No. 155.",
        "A workshop promotes ratification of Convention No. 190 in Serbia.",
        "Trade unions urged Moldova to ratify C190.",
        "The Minister denied that Armenia ratified the Convention.",
        "If Ukraine ratifies C102, pensions would rise.",
        "Employers discussed the prospects of ratification of Convention No. 81.",
    ],
)
def test_no_ratification_is_read_into_a_call_a_plan_or_a_denial(text: str) -> None:
    assert ratification_sentences(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Moldova ratified Convention No. 190 on 12 May.",
        "Greece became the 10th country to ratify C190.",
        "Ukraine ratifies the Domestic Workers Convention",
        "Uzbekistan deposited its instrument of ratification of Convention No. 81.",
        "The ILO welcomes the ratification of C190 by Italy.",
    ],
)
def test_ratifications_stated_as_done_are_read(text: str) -> None:
    assert ratification_sentences(text) != []


def test_headlines_count_like_bodies() -> None:
    assert ratification_sentences("North Macedonia ratifies Convention No. 190. The ceremony took place.")
    assert (
        event_kinds("ILO will launch a new project in Serbia", "The project will be launched in May.") == []
    )
    assert event_kinds("New project launched in Serbia", "The EU-funded project was launched today.") == [
        "ProjectLaunch"
    ]
    assert "Meeting" not in event_kinds("Invitation", "Employers are invited to a meeting in Baku.")
    assert "Meeting" in event_kinds("Social partners met in Baku", "The meeting gathered 40 participants.")


@pytest.mark.parametrize(
    ("sentence", "name", "funder"),
    [
        ("The project is funded by Norway.", "Norway", True),
        ("A programme financed by the Government of Japan helps refugees.", "Japan", True),
        ("With the support of Switzerland, the ILO trained 40 inspectors.", "Switzerland", True),
        ("The Swedish-funded project ended in 2020.", "Swedish", True),
        ("The project will be funded by Norway from 2025.", "Norway", False),
        ("The project runs in Norway and Sweden.", "Norway", False),
        ("The ILO seeks funding from Norway.", "Norway", False),
        ("Two are funded by Norway, and two by Sweden.", "Sweden", True),  # the funding verb carries over
        ("Two are funded by the EU Regional Trust Fund.", "EU", False),  # a fund of the EU, not the EU
        ("Two will be funded by Norway, and two by Sweden.", "Sweden", False),
        ("The EU and Sweden pooled resources to support a large employment program.", "Sweden", True),
        ("The EU and Sweden pooled resources to support a large employment program.", "EU", True),
        ("The EU and Sweden will pool resources to support a new program.", "EU", False),
        ("The EU and Sweden discussed a new employment program.", "EU", False),
    ],
)
def test_funders_follow_their_sentence(sentence: str, name: str, funder: bool) -> None:
    start = sentence.index(name)
    assert funder_context(sentence, start, start + len(name), name) is funder
