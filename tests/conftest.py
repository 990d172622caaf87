import os

import pytest

from tests.factories import UserFactory, build_course, verified

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture
def participant(db):
    return verified(UserFactory(email="sari@contoh.id", full_name="Sari Wulandari"))


@pytest.fixture
def other_participant(db):
    return verified(UserFactory(email="budi@contoh.id", full_name="Budi Santoso"))


@pytest.fixture
def asn_participant(db):
    return verified(UserFactory(email="asn@contoh.id", full_name="Rina Kusuma", asn=True))


@pytest.fixture
def trainer(db):
    return verified(UserFactory(email="pelatih@contoh.id", full_name="Dimas Pelatih", groups=["Trainer"]))


@pytest.fixture
def staff(db):
    return verified(UserFactory(email="staf@contoh.id", full_name="Ayu Staf", groups=["Staff"]))


@pytest.fixture
def course(db):
    return build_course()


@pytest.fixture
def lesson(course):
    return course.get_lessons().first().specific
