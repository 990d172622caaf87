"""Staff run registrations in the Wagtail admin; trainers see only the waves they teach."""

import csv
import io

import openpyxl
from django.urls import reverse

from courses.enrolment import enrol
from courses.models import Cohort, Enrolment
from tests.factories import UserFactory, build_cohort, make_users

INDEX = "courses_enrolment:index"


def test_staff_see_registrants_filtered_by_wave_segment_and_status(client, staff, course):
    first = build_cohort(course, seats={"public": 1, "asn": 5})
    second = build_cohort(course, name="Gelombang 2")
    a, b = make_users(2)
    enrol(a, first)
    enrol(b, first)
    enrol(UserFactory(full_name="Orang Gelombang Dua"), second)
    client.force_login(staff)
    html = client.get(reverse(INDEX), {"cohort": first.pk, "status": "waitlisted"}).content.decode()
    assert b.full_name in html
    assert a.full_name not in html and "Orang Gelombang Dua" not in html


def test_a_trainer_sees_only_the_waves_they_teach(client, trainer, course):
    mine = build_cohort(course)
    theirs = build_cohort(course, name="Gelombang 2")
    mine.trainers.add(trainer)
    mine.save()  # modelcluster keeps parental relations in memory until save
    enrol(UserFactory(full_name="Peserta Saya"), mine)
    enrol(UserFactory(full_name="Peserta Lain"), theirs)
    client.force_login(trainer)
    html = client.get(reverse(INDEX)).content.decode()
    assert "Peserta Saya" in html and "Peserta Lain" not in html
    forced = client.get(reverse(INDEX), {"cohort": theirs.pk}).content.decode()
    assert "Peserta Lain" not in forced
    cohorts = client.get(reverse("courses_cohort:index")).content.decode()
    assert "Gelombang 1" in cohorts and "Gelombang 2" not in cohorts


def test_a_trainer_cannot_act_on_registrants(client, trainer, cohort, participant):
    cohort.trainers.add(trainer)
    cohort.save()
    enrolment = enrol(participant, cohort)
    client.force_login(trainer)
    response = client.post(reverse("courses_enrolment:withdraw", args=[enrolment.pk]))
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"


def test_a_participant_cannot_reach_the_registrants_list(client, participant):
    client.force_login(participant)
    response = client.get(reverse(INDEX))
    assert response.status_code == 302


def test_staff_approve_and_reject_pending_registrations(client, staff, course, cohort):
    course.requires_approval = True
    course.save()
    first, second = (enrol(user, cohort) for user in make_users(2))
    client.force_login(staff)
    client.post(reverse("courses_enrolment:approve", args=[first.pk]))
    response = client.post(reverse("courses_enrolment:reject", args=[second.pk]), {"reason": ""})
    assert response.status_code == 200  # the form asks for a reason
    client.post(reverse("courses_enrolment:reject", args=[second.pk]), {"reason": "Bukan warga Kota Malang."})
    assert Enrolment.objects.get(pk=first.pk).status == "active"
    assert Enrolment.objects.get(pk=second.pk).decision_reason == "Bukan warga Kota Malang."


def test_staff_move_a_registrant_to_another_wave(client, staff, course, participant):
    first = build_cohort(course)
    second = build_cohort(course, name="Gelombang 2")
    enrolment = enrol(participant, first)
    client.force_login(staff)
    response = client.post(reverse("courses_enrolment:move", args=[enrolment.pk]), {"cohort": second.pk})
    assert response.status_code == 302
    assert Enrolment.objects.live().get(user=participant).cohort_id == second.pk


def test_staff_cannot_move_a_registrant_to_another_courses_wave(client, staff, course, participant):
    from tests.factories import build_course

    other_course_wave = build_cohort(build_course(title="Kursus Lain", modules=1, lessons=1))
    enrolment = enrol(participant, build_cohort(course))
    client.force_login(staff)
    response = client.post(reverse("courses_enrolment:move", args=[enrolment.pk]), {"cohort": other_course_wave.pk})
    assert response.status_code == 200
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"


def test_an_action_on_a_registrant_of_an_unknown_id_is_a_404(client, staff):
    client.force_login(staff)
    assert client.post(reverse("courses_enrolment:approve", args=[999999])).status_code == 404


def test_the_export_streams_registrants_as_csv_with_nip_for_staff(client, staff, cohort, asn_participant):
    enrol(asn_participant, cohort)
    client.force_login(staff)
    response = client.get(reverse(INDEX), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Nama", "Email", "Segmen", "NIP"]
    assert rows[1][0] == asn_participant.full_name and rows[1][3] == asn_participant.nip


def test_a_trainers_export_masks_the_nip(client, trainer, cohort, asn_participant):
    cohort.trainers.add(trainer)
    cohort.save()
    enrol(asn_participant, cohort)
    client.force_login(trainer)
    response = client.get(reverse(INDEX), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    nip = sheet.cell(row=2, column=4).value
    assert nip.endswith(asn_participant.nip[-4:]) and asn_participant.nip not in nip
    page = client.get(reverse(INDEX)).content.decode()
    assert asn_participant.nip not in page


def cohort_form(cohort, seats):
    """The edit form's data for `cohort`, with the public segment's seats changed."""
    from django.utils import timezone
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    quotas = [
        {"id": quota.pk, "segment": quota.segment, "seats": seats if quota.segment == "public" else quota.seats}
        for quota in cohort.quotas.order_by("pk")
    ]
    local = timezone.localtime
    return nested_form_data(
        {
            "course": cohort.course_id,
            "name": cohort.name,
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "registration_opens_at": local(cohort.registration_opens_at).strftime("%Y-%m-%d %H:%M"),
            "registration_closes_at": local(cohort.registration_closes_at).strftime("%Y-%m-%d %H:%M"),
            "mode": "online",
            "venue": "",
            "waitlist_open": "on",
            "quotas": inline_formset(quotas, initial=len(quotas), min=1),
        }
    )


def test_staff_adding_seats_moves_the_waitlist_up(client, staff, course):
    cohort = build_cohort(course, seats={"public": 1})
    enrolments = [enrol(user, cohort) for user in make_users(3)]
    client.force_login(staff)
    response = client.post(reverse("courses_cohort:edit", args=[cohort.pk]), cohort_form(cohort, seats=2))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Cohort.objects.get(pk=cohort.pk).quotas.get().seats == 2
    assert Enrolment.objects.get(pk=enrolments[1].pk).status == "active"
    assert Enrolment.objects.get(pk=enrolments[2].pk).waitlist_position == 1


def test_a_wave_that_ends_before_it_starts_is_refused_with_a_message(client, staff, cohort):
    client.force_login(staff)
    data = cohort_form(cohort, seats=70)
    data["ends_on"] = "2000-01-01"
    response = client.post(reverse("courses_cohort:edit", args=[cohort.pk]), data)
    assert response.status_code == 200
    assert Cohort.objects.get(pk=cohort.pk).ends_on == cohort.ends_on


def test_a_trainer_cannot_edit_a_wave(client, trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()
    client.force_login(trainer)
    response = client.post(reverse("courses_cohort:edit", args=[cohort.pk]), cohort_form(cohort, seats=999))
    assert response.status_code == 302
    assert cohort.quotas.get(segment="public").seats == 70


def test_the_waves_list_shows_seats_used_quota_and_waitlist(client, staff, course, django_assert_max_num_queries):
    for n in range(1, 6):
        cohort = build_cohort(course, name=f"Gelombang {n}", seats={"public": 2})
        for user in make_users(3, prefix=f"g{n}-"):
            enrol(user, cohort)
    client.force_login(staff)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("courses_cohort:index")).content.decode()
    assert html.count("2/2") == 5
