"""Fixtures as factories: named people and a course tree built through Wagtail's API."""

import itertools

import factory
from django.contrib.auth.models import Group
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.models import Organiser, Segment, User

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"peserta{n}@contoh.id")
    full_name = factory.Sequence(lambda n: f"Peserta Nomor {n}")
    segment = Segment.PUBLIC
    whatsapp = "+6281234567890"
    district = "Klojen"
    password = factory.django.Password(PASSWORD)

    class Params:
        asn = factory.Trait(
            segment=Segment.ASN,
            nip=factory.Sequence(lambda n: f"19800101200501{n % 10000:04d}"),
            opd="Dinas Komunikasi dan Informatika",
        )
        umkm = factory.Trait(segment=Segment.UMKM, business_name="Keripik Tempe Bu Sri")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


def verified(user: User) -> User:
    """Mark the user's email as verified so allauth lets them log in."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def home_page() -> CourseIndexPage:
    return Site.objects.get(is_default_site=True).root_page.specific


def lesson_body(text: str = "Isi pelajaran.") -> list:
    return [("heading", "Pengantar"), ("text", f"<p>{text}</p>")]


def organiser(name: str = "Dinas Komunikasi dan Informatika Kota Surakarta", place: str = "Surakarta") -> Organiser:
    """The office that runs the test courses (one per name)."""
    found, _created = Organiser.objects.get_or_create(
        name=name,
        defaults={"short_name": name.replace("Dinas Komunikasi dan Informatika", "Diskominfo"), "place": place},
    )
    return found


def build_course(
    title: str = "Sinau TikTok & YouTube", modules: int = 2, lessons: int = 3, live: bool = True, **fields
) -> CoursePage:
    """A published course with `modules` modules of `lessons` lessons each."""
    fields.setdefault("organiser", organiser())
    course = home_page().add_child(
        instance=CoursePage(title=title, summary="Belajar membuat konten.", learning_hours=32, live=live, **fields)
    )
    for m in range(1, modules + 1):
        module = course.add_child(instance=ModulePage(title=f"Modul {m}", live=live))
        for n in range(1, lessons + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"Pelajaran {m}.{n}", body=lesson_body(f"Materi {m}.{n}"), estimated_minutes=10, live=live
                )
            )
    return course


def build_cohort(course, name="Gelombang 1", seats=None, opens_in_days=-1, closes_in_days=7, ended=False, **fields):
    """A wave of `course` whose registration is open now, with seats per segment.

    `seats` maps segment -> seats; by default 70 public, 70 ASN, 20 UMKM. The wave runs
    from two to four weeks from now, or, `ended`, ran until yesterday.
    """
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import Cohort, SegmentQuota

    now = timezone.now()
    cohort = Cohort.objects.create(
        course=course,
        name=name,
        starts_on=(now + timedelta(days=-28 if ended else 14)).date(),
        ends_on=(timezone.localdate(now) + timedelta(days=-1 if ended else 28)),
        registration_opens_at=now + timedelta(days=opens_in_days),
        registration_closes_at=now + timedelta(days=closes_in_days),
        **fields,
    )
    seats = {"public": 70, "asn": 70, "umkm": 20} if seats is None else seats
    SegmentQuota.objects.bulk_create(
        [SegmentQuota(cohort=cohort, segment=segment, seats=count) for segment, count in seats.items()]
    )
    return cohort


_nip_numbers = itertools.count(1)


def make_users(count, segment="public", prefix="warga"):
    """`count` users of one segment in one query (no password: they never log in)."""
    users = [
        User(
            email=f"{prefix}{n}@contoh.id",
            full_name=f"Warga {n}",
            segment=segment,
            nip=f"1985{next(_nip_numbers):014d}" if segment == "asn" else "",
            opd="Diskominfo" if segment == "asn" else "",
            business_name="Usaha" if segment == "umkm" else "",
        )
        for n in range(count)
    ]
    return User.objects.bulk_create(users)
