"""The second demo programme: citizen journalism (pewarta warga), its waves and who is where in it.

Three waves show a programme's whole life at once: Gelombang 1 has ended and issued its
certificates, Gelombang 2 is half-way with sessions behind and ahead, and Gelombang 3 is
open for registration with its public seats taken and a waitlist.
"""

from courses.demo.specs import (
    CourseSpec,
    DemoAccount,
    Done,
    Evaluate,
    Journey,
    LessonSpec,
    ModuleSpec,
    Poster,
    Quiz,
    Review,
    SessionSpec,
    Submit,
    WaveSpec,
    assignment,
    callout,
    checklist,
    heading,
    image,
    multiple_choice,
    quiz,
    short_answer,
    single_choice,
    text,
    true_false,
)
from courses.models import CohortMode
from lms.models import Segment

PEWARTA_SLUG = "pewarta-warga"
TRAINER = "pelatih@sinau.test"  # content.DEMO_TRAINER_EMAIL, who teaches every demo wave

POSTERS = {
    "cover_pewarta": Poster(
        "Sampul: Pewarta Warga",
        "Pewarta Warga",
        "Program pelatihan · 16 JP",
        "Meliput dan melaporkan kabar dari kampung sendiri",
        ("#1b4332", "#2d6a4f"),
        "city",
    ),
    "lima_w_satu_h": Poster(
        "Rumus 5W+1H",
        "5W + 1H",
        "Modul 1 · Menulis berita",
        "Apa, siapa, kapan, di mana, mengapa, dan bagaimana",
        ("#3a0ca3", "#4361ee"),
        "chat",
    ),
}

# The same five questions open and close the programme, so the post-test shows what was learnt.
_TEST_QUESTIONS = (
    single_choice(
        "Unsur berita yang menjawab pertanyaan “mengapa peristiwa itu terjadi” disebut…",
        [("Why", True), ("Who", False), ("Where", False), ("When", False)],
        "5W+1H: what, who, when, where, why, dan how. “Why” menjelaskan sebab atau latar belakang peristiwa.",
    ),
    true_false(
        "Pewarta warga boleh memotret dan menyebarkan wajah anak korban kecelakaan asal tujuannya baik.",
        False,
        "Identitas anak, korban kekerasan, dan korban kecelakaan dilindungi. Samarkan wajah dan jangan sebut nama.",
    ),
    multiple_choice(
        "Mana saja cara memeriksa kebenaran sebuah kabar sebelum diunggah?",
        [
            ("Menanyakan langsung kepada saksi atau pihak yang berwenang", True),
            ("Mencocokkan dengan sumber kedua yang independen", True),
            ("Menghitung berapa banyak grup WhatsApp yang sudah membagikannya", False),
            ("Memeriksa tanggal dan lokasi asli foto atau video", True),
        ],
        "Kabar yang banyak dibagikan belum tentu benar. Periksa ke sumber pertama dan sumber kedua.",
    ),
    single_choice(
        "Dalam struktur piramida terbalik, informasi yang paling penting diletakkan di…",
        [("Paragraf pertama", True), ("Paragraf tengah", False), ("Paragraf terakhir", False)],
        "Pembaca sering berhenti setelah beberapa kalimat, jadi inti berita ditulis di awal.",
    ),
    short_answer(
        "Sebelum merekam dan mewawancarai seseorang, apa yang harus Anda minta darinya? (satu kata)",
        ["izin", "persetujuan"],
        "Mintalah izin, jelaskan untuk apa rekaman dipakai, dan hormati bila narasumber menolak.",
    ),
)

_PRETEST = LessonSpec(
    "Pre-test Pewarta Warga",
    "pre-test",
    10,
    [
        text(
            "<p>Sebelum mulai, jawab lima pertanyaan singkat ini. Nilainya tidak menentukan kelulusan; pelatih "
            "memakainya untuk mengetahui titik awal kelas. Di akhir pelatihan Anda akan menjawab pertanyaan yang "
            "sama di post-test.</p>"
        ),
        quiz("Pre-test: seberapa jauh Anda mengenal berita?", "pretest", 0, 1, *_TEST_QUESTIONS),
    ],
    completion="quiz",
)

_WHAT_IS = LessonSpec(
    "Apa Itu Pewarta Warga?",
    "apa-itu-pewarta-warga",
    15,
    [
        heading("Warga yang melaporkan kabar dari lingkungannya"),
        text(
            "<p>Pewarta warga adalah warga biasa yang mengumpulkan, memeriksa, dan menyebarkan informasi tentang "
            "lingkungannya: jalan berlubang di gang sebelah, kerja bakti RW, pasar murah di kelurahan, atau "
            "perajin yang jarang diliput media. Pewarta warga tidak menggantikan wartawan; ia melengkapi, karena "
            "ia ada di tempat ketika sesuatu terjadi.</p>"
            "<p>Yang membedakan kabar dari pewarta warga dengan sekadar unggahan media sosial adalah disiplinnya: "
            "fakta diperiksa, narasumber jelas, dan pembaca bisa membedakan mana fakta dan mana pendapat.</p>"
        ),
        callout(
            "info",
            "Sertifikat pelatihan, bukan sertifikasi profesi",
            "<p>Sertifikat pelatihan ini menyatakan bahwa Anda telah mengikuti dan menyelesaikan pelatihan. "
            "Sertifikat ini bukan sertifikasi kompetensi wartawan.</p>",
        ),
        checklist(
            "Bekal pewarta warga",
            "Ponsel dengan memori dan baterai yang cukup",
            "Buku catatan atau aplikasi catatan untuk nama dan kontak narasumber",
            "Kebiasaan memeriksa fakta sebelum mengunggah",
            "Keberanian bertanya dan kesediaan mendengar",
        ),
    ],
)

_FIVE_W = LessonSpec(
    "Menulis Berita dengan 5W+1H",
    "menulis-berita-5w1h",
    20,
    [
        heading("Enam pertanyaan yang harus terjawab"),
        text(
            "<p>Berita yang lengkap menjawab enam pertanyaan: <b>apa</b> yang terjadi, <b>siapa</b> yang "
            "terlibat, <b>kapan</b> dan <b>di mana</b> terjadinya, <b>mengapa</b> terjadi, dan <b>bagaimana</b> "
            "kejadiannya. Tulis jawaban keenamnya di catatan sebelum menulis kalimat pertama.</p>"
        ),
        image(
            "lima_w_satu_h",
            "Poster bertuliskan 5W + 1H: apa, siapa, kapan, di mana, mengapa, dan bagaimana.",
            "Enam pertanyaan dasar sebuah berita.",
        ),
        heading("Piramida terbalik"),
        text(
            "<p>Letakkan yang terpenting di paragraf pertama, lalu rincian, lalu latar belakang. Contoh paragraf "
            "pertama: “Warga RW 05 Kelurahan Merjosari bergotong royong memperbaiki saluran air yang tersumbat "
            "sepanjang 200 meter pada Minggu pagi (12/10), setelah hujan deras dua hari membuat jalan kampung "
            "tergenang.”</p>"
        ),
        quiz(
            "Latihan 5W+1H",
            "practice",
            70,
            3,
            single_choice(
                "Pada contoh paragraf di atas, “setelah hujan deras dua hari membuat jalan kampung tergenang” "
                "menjawab pertanyaan…",
                [("Mengapa", True), ("Kapan", False), ("Siapa", False)],
            ),
            single_choice(
                "Kalimat mana yang paling tepat menjadi pembuka berita?",
                [
                    ("Pada suatu hari yang cerah, saya berjalan-jalan di kampung.", False),
                    ("Pasar murah Kelurahan Sumbersari menjual 2 ton beras Rp10.000 per kilo, Sabtu (18/10).", True),
                    ("Seperti yang kita ketahui bersama, harga beras sedang naik.", False),
                ],
            ),
            true_false("Pendapat pribadi penulis sebaiknya dicampur dengan fakta agar berita lebih menarik.", False),
            short_answer("Unsur “di mana” dalam bahasa Inggris disebut… (satu kata)", ["where"]),
        ),
    ],
    completion="quiz",
)

_VERIFY = LessonSpec(
    "Verifikasi dan Etika Meliput",
    "verifikasi-dan-etika",
    20,
    [
        heading("Periksa dulu, baru sebarkan"),
        text(
            "<p>Sebelum mengunggah, tanyakan: dari mana kabar ini berasal, adakah sumber kedua yang membenarkan, "
            "dan kapan serta di mana foto atau video itu sebenarnya dibuat. Kabar yang ramai di grup WhatsApp "
            "belum tentu benar; datangi tempatnya, atau tanyakan kepada ketua RT, kelurahan, atau dinas terkait.</p>"
        ),
        callout(
            "warning",
            "Lindungi yang rentan",
            "<p>Jangan tampilkan wajah atau nama anak, korban kekerasan, dan korban kecelakaan. Minta izin sebelum "
            "merekam seseorang, dan hormati bila ia menolak.</p>",
        ),
        checklist(
            "Sebelum mengunggah",
            "Ada dua sumber yang saling menguatkan",
            "Nama, jabatan, dan ejaan narasumber sudah dicek",
            "Tanggal dan lokasi foto atau video sudah pasti",
            "Fakta dan pendapat ditulis terpisah",
            "Tidak ada data pribadi yang tidak perlu",
        ),
    ],
)

_ASSIGNMENT = LessonSpec(
    "Tugas Liputan: Kabar dari Kampung",
    "tugas-liputan",
    30,
    [
        text(
            "<p>Saatnya meliput. Pilih satu kegiatan atau persoalan di lingkungan Anda minggu ini, lalu buat "
            "liputan singkat: tulisan 150 sampai 300 kata dengan satu sampai tiga foto, atau video vertikal "
            "paling lama 90 detik.</p>"
        ),
        assignment(
            "Liputan kabar dari kampung",
            "<ol><li>Jawab 5W+1H dan tulis inti berita di paragraf pertama.</li>"
            "<li>Kutip paling sedikit satu narasumber dengan nama dan perannya, atas izinnya.</li>"
            "<li>Kirim tautan unggahan Anda (TikTok, YouTube, Instagram, atau blog), atau unggah berkasnya.</li></ol>",
        ),
    ],
    completion="assignment",
)

_POSTTEST = LessonSpec(
    "Post-test Pewarta Warga",
    "post-test",
    10,
    [
        text("<p>Pertanyaannya sama dengan pre-test. Nilai minimal 70 untuk lulus; Anda punya dua kesempatan.</p>"),
        quiz("Post-test pewarta warga", "posttest", 70, 2, *_TEST_QUESTIONS),
    ],
    completion="quiz",
)

COURSE = CourseSpec(
    title="Pewarta Warga",
    slug=PEWARTA_SLUG,
    summary="Pelatihan jurnalisme warga: meliput, memeriksa fakta, dan melaporkan kabar dari kampung sendiri.",
    intro=(
        "<p>Pelatihan singkat bagi warga, ASN, dan pelaku UMKM yang ingin mengabarkan apa yang terjadi di "
        "lingkungannya dengan benar dan beretika, memakai ponsel.</p>"
        "<h3>Yang akan Anda pelajari</h3>"
        "<ul><li>Menulis berita dengan 5W+1H dan piramida terbalik.</li>"
        "<li>Memeriksa fakta sebelum menyebarkan kabar.</li>"
        "<li>Meliput dengan menghormati privasi dan hak narasumber.</li></ul>"
    ),
    learning_hours=16,
    cover="cover_pewarta",
    min_attendance_percent=75,
    modules=[
        ModuleSpec(
            "Dasar Jurnalisme Warga",
            "dasar-jurnalisme-warga",
            "<p>Apa itu pewarta warga dan bagaimana menulis berita yang lengkap.</p>",
            [_PRETEST, _WHAT_IS, _FIVE_W],
        ),
        ModuleSpec(
            "Meliput dan Melaporkan",
            "meliput-dan-melaporkan",
            "<p>Memeriksa fakta, menjaga etika, lalu meliput sendiri dengan bimbingan pelatih.</p>",
            [_VERIFY, _ASSIGNMENT, _POSTTEST],
        ),
    ],
)

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
