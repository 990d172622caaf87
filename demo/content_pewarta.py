"""The second demo programme: citizen journalism (pewarta warga), its posters and lessons.

Its waves and who is where in them are in content_pewarta_people.
"""

from demo.specs import (
    CourseSpec,
    LessonSpec,
    ModuleSpec,
    Poster,
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
