"""Fixtures as factories: named people and a course tree built through Wagtail's API."""

import factory
from django.contrib.auth.models import Group
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.models import Segment, User

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

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def home_page() -> CourseIndexPage:
    return Site.objects.get(is_default_site=True).root_page.specific


def lesson_body(text: str = "Isi pelajaran.") -> list:
    return [("heading", "Pengantar"), ("text", f"<p>{text}</p>")]


def build_course(
    title: str = "Sinau TikTok & YouTube", modules: int = 2, lessons: int = 3, live: bool = True
) -> CoursePage:
    """A published course with `modules` modules of `lessons` lessons each."""
    course = home_page().add_child(
        instance=CoursePage(title=title, summary="Belajar membuat konten.", learning_hours=32, live=live)
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
