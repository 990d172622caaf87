"""The citizen-journalism programme's waves and its people: demo logins, classmates, journeys.

Three waves show a programme's whole life at once: Gelombang 1 has ended and issued its
certificates, Gelombang 2 is half-way with sessions behind and ahead, and Gelombang 3 is
open for registration with its public seats taken and a waitlist.
"""

from courses.models import CohortMode
from demo.content_pewarta import PEWARTA_SLUG, TRAINER
from demo.specs import DemoAccount, Done, Evaluate, Journey, Quiz, Review, SessionSpec, Submit, WaveSpec
from lms.models import Segment

_SESSIONS = (
    SessionSpec("Pembukaan: pewarta warga dan berita", 0, "09:00"),
    SessionSpec("Praktik wawancara dan verifikasi fakta", 4, "13:00"),
    SessionSpec("Bedah liputan peserta", 11, "09:00"),
    SessionSpec("Penutupan dan post-test bersama", 13, "09:00", 90),
)
_VENUE = "Aula Kantor Kecamatan Lowokwaru, Jl. Cengger Ayam I No. 12"
_MEETING = "https://meet.google.com/pwt-warg-aml"

WAVES = [
    # Ended 17 days before the seed: certificates issued (seed_certificate_demo).
    WaveSpec(
        "Gelombang 1",
        registration_opens_in=-60,
        registration_closes_in=-35,
        starts_in=-30,
        mode=CohortMode.HYBRID,
        venue=_VENUE,
        meeting_url=_MEETING,
        seats={Segment.PUBLIC: 20, Segment.ASN: 10, Segment.UMKM: 10},
        trainers=(TRAINER,),
        sessions=_SESSIONS,
    ),
    # Started a week before the seed: two sessions held, two ahead.
    WaveSpec(
        "Gelombang 2",
        registration_opens_in=-30,
        registration_closes_in=-10,
        starts_in=-7,
        mode=CohortMode.ONLINE,
        meeting_url=_MEETING,
        seats={Segment.PUBLIC: 20, Segment.ASN: 10, Segment.UMKM: 10},
        trainers=(TRAINER,),
        sessions=_SESSIONS,
    ),
    # Open for registration; its three public seats are taken, so the next one waits.
    WaveSpec(
        "Gelombang 3",
        registration_opens_in=-2,
        registration_closes_in=12,
        starts_in=21,
        mode=CohortMode.OFFLINE,
        venue=_VENUE,
        seats={Segment.PUBLIC: 3, Segment.ASN: 10, Segment.UMKM: 10},
        trainers=(TRAINER,),
        sessions=_SESSIONS,
    ),
]

# Demo logins, one per stage (printed by seed_demo with the other demo accounts).
ACCOUNTS = [
    DemoAccount(
        "lulus@sinau.test",
        "Fitri Handayani",
        "participant (ASN), Pewarta Warga: certificate ready",
        segment=Segment.ASN,
        nip="199108222015032003",
        opd="Kecamatan Lowokwaru",
        district="Lowokwaru",
    ),
    DemoAccount(
        "pewarta@sinau.test",
        "Yusuf Maulana",
        "participant (UMKM), Pewarta Warga: half-way, feedback to read",
        segment=Segment.UMKM,
        business_name="Kopi Tubruk Mas Yusuf",
        district="Sukun",
    ),
    DemoAccount(
        "baru@sinau.test", "Nanda Pratiwi", "participant (public), Pewarta Warga: just registered", district="Klojen"
    ),
    DemoAccount(
        "antre@sinau.test", "Wulan Sari", "participant (public), Pewarta Warga: on the waitlist", district="Blimbing"
    ),
]

# Their classmates, so each wave's lists and reports have more than one row (not printed).
CLASSMATES = [
    DemoAccount("agus.setiawan@sinau.test", "Agus Setiawan", "classmate", district="Lowokwaru"),
    DemoAccount(
        "dewi.rahmawati@sinau.test",
        "Dewi Rahmawati",
        "classmate",
        segment=Segment.UMKM,
        business_name="Batik Tulis Dewi",
        district="Kedungkandang",
    ),
    DemoAccount("rudi.hartono@sinau.test", "Rudi Hartono", "classmate", district="Sukun"),
    DemoAccount("siti.aminah@sinau.test", "Siti Aminah", "classmate", district="Klojen"),
    DemoAccount("bayu.saputra@sinau.test", "Bayu Saputra", "classmate", district="Blimbing"),
    DemoAccount("lina.marlina@sinau.test", "Lina Marlina", "classmate", district="Lowokwaru"),
]

_FEEDBACK_REVISION = (
    "Liputannya menarik dan fotonya jelas. Paragraf pertama belum menjawab kapan dan di mana kerja bakti itu "
    "berlangsung; tambahkan juga nama dan peran Pak RW yang Anda kutip, lalu kirim lagi."
)
_FEEDBACK_APPROVED = "Sekarang lengkap: 5W+1H terjawab di awal dan narasumbernya jelas. Bagus, lanjutkan!"
_GOOD_EVALUATION = {"content": 5, "trainer": 5, "mentoring": 4, "platform": 4}


def _completed(email: str, *, first_quiz_right: tuple[int, ...], evaluation: Evaluate | None) -> tuple:
    """Every lesson done by its mode, the assignment approved after one revision."""
    steps = (
        Quiz("pre-test", 0, right=first_quiz_right),
        Done("apa-itu-pewarta-warga", 1),
        Quiz("menulis-berita-5w1h", 2, right=(0, 2)),
        Quiz("menulis-berita-5w1h", 3),
        Done("verifikasi-dan-etika", 5),
        Submit("tugas-liputan", 6, f"https://www.tiktok.com/@{email.split('@')[0]}/video/7301234567890123456"),
        Review("tugas-liputan", 7, approve=False, feedback=_FEEDBACK_REVISION),
        Submit("tugas-liputan", 9, f"https://www.tiktok.com/@{email.split('@')[0]}/video/7301234567890123999"),
        Review("tugas-liputan", 10, approve=True, feedback=_FEEDBACK_APPROVED),
        Quiz("post-test", 13),
    )
    return (*steps, evaluation) if evaluation else steps


# In the order they registered: the seats of Gelombang 3's public segment go to the first three.
JOURNEYS = [
    Journey(
        "lulus@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 1",
        "ended; completed: certificate (seed_certificate_demo) in Sertifikat saya, verifiable at /verifikasi/",
        attended=(True, True, True, True),
        steps=_completed(
            "lulus@sinau.test",
            first_quiz_right=(0, 3, 4),
            evaluation=Evaluate(
                13,
                _GOOD_EVALUATION,
                "Latihan memeriksa fakta dan masukan pelatih untuk liputan saya.",
                "Tambah sesi praktik wawancara di lapangan.",
            ),
        ),
    ),
    Journey(
        "agus.setiawan@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 1",
        "ended; completed: certificate (seed_certificate_demo)",
        attended=(True, True, False, True),
        steps=_completed(
            "agus.setiawan@sinau.test",
            first_quiz_right=(0,),
            evaluation=Evaluate(13, {"content": 4, "trainer": 5, "mentoring": 5, "platform": 3}),
        ),
    ),
    Journey(
        "dewi.rahmawati@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 1",
        "ended; attended 1 of 4 sessions and did not finish: no certificate",
        attended=(True, False, False, False),
        steps=(Quiz("pre-test", 0, right=(1,)), Done("apa-itu-pewarta-warga", 2)),
    ),
    Journey(
        "pewarta@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 2",
        "running; attended both sessions so far, assignment returned with feedback to read",
        attended=(True, True),
        steps=(
            Quiz("pre-test", 0, right=(0, 3)),
            Done("apa-itu-pewarta-warga", 1),
            Quiz("menulis-berita-5w1h", 2),
            Done("verifikasi-dan-etika", 4),
            Submit("tugas-liputan", 5, "https://www.youtube.com/shorts/Kp3vXw9LmQa"),
            Review("tugas-liputan", 6, approve=False, feedback=_FEEDBACK_REVISION, seen=False),
        ),
    ),
    Journey(
        "rudi.hartono@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 2",
        "running; assignment waiting for review",
        attended=(True, True),
        steps=(
            Quiz("pre-test", 0, right=(0, 1, 3)),
            Done("apa-itu-pewarta-warga", 1),
            Quiz("menulis-berita-5w1h", 3),
            Done("verifikasi-dan-etika", 4),
            Submit("tugas-liputan", 6, "https://www.instagram.com/reel/C9xPwLm2aBq/"),
        ),
    ),
    Journey(
        "siti.aminah@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 2",
        "running; missed the second session",
        attended=(True, False),
        steps=(Quiz("pre-test", 0, right=(3,)),),
    ),
    Journey("baru@sinau.test", PEWARTA_SLUG, "Gelombang 3", "open; just registered, a seat", registered_day=-20),
    Journey("bayu.saputra@sinau.test", PEWARTA_SLUG, "Gelombang 3", "open; registered, a seat", registered_day=-20),
    Journey("lina.marlina@sinau.test", PEWARTA_SLUG, "Gelombang 3", "open; registered, a seat", registered_day=-20),
    Journey(
        "antre@sinau.test",
        PEWARTA_SLUG,
        "Gelombang 3",
        "open; the public seats are taken: first on the waitlist",
        registered_day=-19,
    ),
]
