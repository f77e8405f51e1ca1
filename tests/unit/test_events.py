"""Events read from records: each trigger word in its context, statements by speakers, no plan as a fact."""

from __future__ import annotations

import pytest

from ilo_kg.textfacts import event_kinds


@pytest.mark.parametrize(
    ("headline", "summary", "kinds"),
    [
        # a trigger that is part of something else reports no event of its kind
        (
            "Leaders' Day",
            "In the course of the event the Heads of State shared their views.",
            set(),
        ),
        (
            "Analysis of skills in the Kyrgyz Republic",
            "Now the stakeholders adjust the Technical and Vocational Education and Training (TVET) system.",
            set(),
        ),
        ("ROSTRUD and ILO present the Training Manual for employment services", "", {"Publication"}),
        ("Pilot on-the-job training launch in Moldova", "Jobseekers benefit.", {"Launch"}),
        (
            "ILO launches a Capacity Building Programme for Labour Inspection in Georgia",
            "The ILO has launched a comprehensive training programme to support the capacity building of the "
            "Labour Inspectorate in Georgia.",
            {"Launch"},
        ),
        ("Campaign reaches landmark target", "The ratifications have met an initial target.", set()),
        (
            "Webinar on employment",
            "ILO Moscow has launched a series of five webinars on the crisis response.",
            {"Launch"},
        ),
        (
            "Child Labour Conference in Arkhangelsk",
            "It was the most asked question during the conference and interviews in Arkhangelsk.",
            {"Meeting"},
        ),
        (
            "FNPR-ILO Arctic trade union school",
            "Murmansk hosted the first Arctic school for young unionists.",
            {"Training"},
        ),
        # a project named again is not launched again
        (
            "ILO Office in Turkey introduced to its stakeholders the project launched to improve livelihoods",
            "",
            set(),
        ),
        (
            "ILO Turkey Office launched a project to support the livelihoods of refugees",
            "",
            {"ProjectLaunch"},
        ),
    ],
)
def test_a_trigger_word_reports_an_event_only_in_its_context(
    headline: str, summary: str, kinds: set[str]
) -> None:
    assert set(event_kinds(headline, summary)) == kinds


@pytest.mark.parametrize(
    ("headline", "summary", "kinds"),
    [
        ("ILO says progress on gender equality at work remains inadequate", "", {"Statement"}),
        ("Crisis demands human-centred recovery policies, says ILO Director-General", "", {"Statement"}),
        (
            "Cooperatives",
            "Numan Özcan, Director of the ILO Office for Turkey, stated that social partners were mobilized.",
            {"Statement"},
        ),
        (
            "Hearing on business and human rights",
            "Speaking at a European Parliament hearing, ILO Deputy Director-General Gilbert Houngbo stressed "
            "the importance of regulation.",
            {"Statement"},
        ),
        (
            "Recovery",
            "The ILO's Director-General told delegates at the opening sitting of the International Labour "
            "Conference that human-centred policies are key.",
            {"Statement"},
        ),
        ("ILO welcomes the seafarers' rights agreement", "", {"Statement"}),
        ("Mikhail Mishustin and Mikhail Shmakov Speak on Leaders' Day", "", {"Statement"}),
        # a report that says is a publication; a projection, a quotation, participants, a passive: no statement
        ("ILO report says sluggish jobs recovery is the result of inequality", "", {"Publication"}),
        (
            "Jobs in Europe",
            "ILO says over 2.1 million jobs could be created with the investment plan.",
            set(),
        ),
        ("Peer review", '"Azerbaijan will hold a peer review," Mikhail Pouchkin told journalists.', set()),
        ("Refugees", "UN Agencies and Partners Say Funding Shortage Leaves Refugees Without Support", set()),
        ("Reforms", "This was stated by the participants.", set()),
        ("Recovery", "The UN Country Team welcomed the Ministry representatives to its premises.", set()),
        ("Report", "A conference in Brussels has welcomed an ILO report on the harvest.", {"Meeting"}),
        # a call, a plan, an invitation, the future: no statement, no meeting
        ("ILO Director-General calls on ministers to align policies", "", set()),
        ("Invitation", "The Minister will speak at the conference in May.", set()),
    ],
)
def test_statements_need_a_speaker_who_said_it(headline: str, summary: str, kinds: set[str]) -> None:
    assert set(event_kinds(headline, summary)) == kinds


def test_a_meeting_stated_as_held_whatever_its_purpose() -> None:
    kinds = event_kinds(
        "UNCT joined forces with the Ministry on the earthquake recovery",
        "The UN Country Team met the Ministry representatives to discuss the recovery at the UNCT meeting held "
        "in Ankara on 6 July 2023.",
    )
    assert "Meeting" in kinds
    assert "Meeting" not in event_kinds(
        "Invitation", "Employers are invited to discuss it at the meeting held in May."
    )
    assert "Meeting" not in event_kinds("Plans", "The next meeting will be held in Baku.")
