"""What both sites are seeded with (pure Python: imported under either virtualenv)."""

# Lessons per course: a short course and a city-programme-sized one.
COURSE_SIZES = (5, 40)
# Sinau groups lessons in modules (the peer has none: its lessons sit under the course).
LESSONS_PER_MODULE = {5: 5, 40: 10}
WORDS = 400
LEARNER_EMAIL = "peserta.bench@contoh.id"


def done_count(size: int) -> int:
    """A quarter of the lessons are done (rounded down): the first ones, in reading order."""
    return size // 4


def measured_index(size: int) -> int:
    """The lesson measured: the one the learner reads next (the first not done)."""
    return done_count(size)


def lesson_seed(size: int, index: int) -> int:
    return size * 1000 + index


PLAIN_SEED = 1
COURSE_TITLES = {5: "Konten TikTok & YouTube untuk Kota", 40: "Branding Kota dan UMKM Daring"}
