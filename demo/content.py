"""What the demo is made of: its accounts, the programmes, their pictures, worksheets and waves.

The lessons of each module of today's programme live in content_konten, content_branding and
content_umkm; the second programme (citizen journalism) in content_pewarta, its waves and the
participants at each stage of it in content_pewarta_people.
"""

from courses.models import CohortMode
from demo import content_branding, content_konten, content_pewarta, content_pewarta_people, content_umkm
from demo.specs import CourseSpec, DemoAccount, Poster, WaveSpec, Worksheet
from lms.models import Segment

DEMO_PASSWORD = "sinau-demo-2026"  # noqa: S105  (published on purpose: demo only)
COURSE_SLUG = "sinau-tiktok-youtube"
ORGANISER = {
    "name": "Dinas Komunikasi dan Informatika Kota Malang",
    "short_name": "Diskominfo Kota Malang",
    "place": "Malang",
}
DEMO_TRAINER_EMAIL = "pelatih@sinau.test"

ACCOUNTS = [
    DemoAccount("admin@sinau.test", "Administrator Sinau", "admin (superuser)", is_superuser=True),
    DemoAccount("staf@sinau.test", "Ayu Lestari", "staff", groups=("Staff",)),
    DemoAccount(DEMO_TRAINER_EMAIL, "Dimas Prasetyo", "trainer", groups=("Trainer",)),
    DemoAccount("warga@sinau.test", "Sari Wulandari", "participant (public)", district="Lowokwaru"),
    DemoAccount(
        "asn@sinau.test",
        "Rina Kusumawati",
        "participant (ASN)",
        segment=Segment.ASN,
        # Birth date, appointment month, gender digit and sequence: 18 digits, as real NIPs are.
        nip="198703152010012004",
        opd="Dinas Komunikasi dan Informatika Kota Malang",
        district="Klojen",
    ),
    DemoAccount(
        "umkm@sinau.test",
        "Bambang Hariyanto",
        "participant (UMKM)",
        segment=Segment.UMKM,
        business_name="Keripik Tempe Sanan Pak Bambang",
        district="Blimbing",
    ),
    *content_pewarta_people.ACCOUNTS,
]

POSTERS = {
    **content_pewarta.POSTERS,
    "cover": Poster(
        "Sampul: Sinau TikTok & YouTube",
        "Sinau TikTok & YouTube",
        "Program pelatihan · 32 JP",
        "Konten kreatif, branding kota, dan jualan online UMKM",
        ("#0f4c81", "#7b2cbf"),
        "phone",
    ),
    "hook_isi_ajakan": Poster(
        "Kerangka Video 60 Detik",
        "Hook · Isi · Ajakan",
        "Modul 1 · Merencanakan",
        "Kerangka sederhana untuk video 60 detik",
        ("#1d3557", "#457b9d"),
        "segments",
    ),
    "rule_of_thirds": Poster(
        "Rule of Thirds",
        "Rule of Thirds",
        "Modul 1 · Merekam",
        "Letakkan objek di titik potong garis bantu",
        ("#0f4c81", "#1b998b"),
        "thirds",
    ),
    "capcut_timeline": Poster(
        "Alur Edit CapCut",
        "Alur Edit CapCut",
        "Modul 1 · Menyunting",
        "Potong, susun, beri teks, lalu ekspor 1080p",
        ("#22223b", "#4a4e69"),
        "timeline",
    ),
    "hook_3_detik": Poster(
        "Hook 3 Detik Pertama",
        "Hook 3 Detik Pertama",
        "Modul 1 · Hook dan caption",
        "Buat penonton berhenti menggulir",
        ("#9d0208", "#e85d04"),
        "phone",
    ),
    "branding_malang": Poster(
        "Branding Kota Malang",
        "Branding Kota Malang",
        "Modul 2 · Identitas kota",
        "Kota Pendidikan, Kota Wisata, Tugu, dan Kayutangan",
        ("#264653", "#2a9d8f"),
        "city",
    ),
    "cerita_warga": Poster(
        "Cerita Warga, Wajah Kota",
        "Cerita Warga, Wajah Kota",
        "Modul 2 · Bercerita",
        "Tokoh, keunikan, dan satu momen",
        ("#6a040f", "#d00000"),
        "circles",
    ),
    "foto_produk": Poster(
        "Foto Produk dengan Ponsel",
        "Foto Produk dengan Ponsel",
        "Modul 3 · Foto produk",
        "Cahaya jendela, latar polos, dan pemantul putih",
        ("#3d405b", "#81b29a"),
        "product",
    ),
    "harga_jual": Poster(
        "Menghitung Harga Jual",
        "Menghitung Harga Jual",
        "Modul 3 · Harga",
        "HPP + keuntungan + biaya platform",
        ("#283618", "#606c38"),
        "bars",
    ),
    "whatsapp_business": Poster(
        "Katalog WhatsApp Business",
        "Katalog WhatsApp Business",
        "Modul 3 · Berjualan",
        "Profil, katalog, balasan cepat, dan label",
        ("#075e54", "#128c7e"),
        "chat",
    ),
}

WORKSHEETS = {
    "rencana_konten": Worksheet(
        "Lembar Kerja: Rencana Konten 7 Hari",
        "Isi satu baris untuk setiap hari. Satu video membawa satu pesan, dibuka dengan hook yang kuat, dan "
        "ditutup dengan satu ajakan. Baris pertama adalah contoh.",
        ("Hari", "Ide / topik", "Hook 3 detik pertama", "Format dan durasi", "Ajakan (CTA)", "Sudah unggah?"),
        (
            (
                "Contoh",
                "Sarapan murah di Pasar Oro-Oro Dowo",
                "“Sarapan Rp10.000 masih ada di Malang?”",
                "Video vertikal, 45 detik",
                "Simpan untuk akhir pekan",
                "Ya",
            ),
            *((day, "", "", "", "", "") for day in ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")),
        ),
        (
            "Campur jenis konten: edukasi (tips), hiburan (tren yang disesuaikan), dan cerita di balik layar.",
            "Rekam beberapa video sekaligus di hari yang sama agar jadwal unggah tetap terjaga.",
            "Bawa lembar ini ke sesi pendampingan untuk dibahas bersama pelatih.",
        ),
        example_rows=1,
    ),
    "peta_cerita": Worksheet(
        "Lembar Kerja: Peta Cerita Kota",
        "Petakan tempat, tokoh, dan izin yang dibutuhkan sebelum turun ke lapangan. Baris pertama adalah contoh.",
        ("Tempat", "Tokoh / narasumber", "Cerita atau keunikan", "Adegan yang direkam", "Izin yang diperlukan"),
        (
            (
                "Kampung Warna-Warni Jodipan",
                "Pemandu kampung",
                "Kampung di tepi Sungai Brantas yang berubah menjadi tujuan wisata",
                "Gang warna-warni, jembatan, wawancara 30 detik",
                "Pengelola kampung; warga yang tampil jelas",
            ),
            *(("", "", "", "", "") for _ in range(6)),
        ),
        (
            "Cek ulang nama tempat, tahun, dan fakta sejarah sebelum menulis narasi.",
            "Catat nama dan kontak narasumber untuk meminta izin dan mengirim hasil video.",
        ),
        example_rows=1,
    ),
    "harga_jual": Worksheet(
        "Lembar Kerja: Menghitung Harga Jual",
        "Hitung harga pokok produksi (HPP) per unit, tambahkan keuntungan, lalu sesuaikan dengan biaya "
        "platform. Kolom contoh memakai keripik tempe 50 bungkus per produksi.",
        ("Komponen", "Contoh (Rp)", "Produk Anda (Rp)"),
        (
            ("Bahan baku untuk satu kali produksi", "300.000", ""),
            ("Kemasan dan label", "60.000", ""),
            ("Tenaga kerja, gas, dan listrik", "90.000", ""),
            ("Total biaya produksi", "450.000", ""),
            ("Jumlah produk yang dihasilkan", "50 bungkus", ""),
            ("HPP per unit (total biaya ÷ jumlah produk)", "9.000", ""),
            ("Keuntungan (contoh 40% dari HPP)", "3.600", ""),
            ("Harga jual langsung / WhatsApp", "12.600, dibulatkan menjadi 13.000", ""),
            ("Potongan biaya marketplace (contoh 10%)", "—", ""),
            ("Harga di marketplace (harga langsung ÷ 0,9)", "14.000", ""),
        ),
        (
            "Besarnya biaya administrasi marketplace berbeda per platform dan kategori dan dapat berubah; "
            "periksa ketentuan terbaru di pusat edukasi penjual.",
            "Hitung ulang HPP setiap kali harga bahan baku naik.",
        ),
        landscape=False,
    ),
}

COURSE = CourseSpec(
    title="Sinau TikTok & YouTube",
    slug=COURSE_SLUG,
    summary=(
        "Pelatihan membuat konten TikTok dan YouTube untuk mempromosikan Kota Malang dan memasarkan produk UMKM "
        "secara online."
    ),
    intro=(
        "<p>Program pelatihan untuk warga, ASN, dan pelaku UMKM yang ingin membuat konten video pendek yang "
        "menarik, mengangkat citra Kota Malang, dan menjual produk lokal secara online.</p>"
        "<h3>Yang akan Anda pelajari</h3>"
        "<ul><li>Merencanakan, merekam, dan menyunting video 60 detik hanya dengan ponsel.</li>"
        "<li>Menulis hook dan caption yang membuat orang berhenti menggulir.</li>"
        "<li>Bercerita tentang identitas Kota Malang dengan jujur dan beretika.</li>"
        "<li>Memotret produk, menulis deskripsi, menghitung harga, dan berjualan di marketplace serta "
        "WhatsApp Business.</li></ul>"
    ),
    learning_hours=32,
    cover="cover",
    modules=[content_konten.MODULE, content_branding.MODULE, content_umkm.MODULE],
)


# Gelombang 1 is open for registration on the day the demo is seeded, so a participant
# can register at once; Gelombang 2 shows a wave whose registration has yet to open.
WAVES = [
    WaveSpec(
        "Gelombang 1",
        registration_opens_in=-1,
        registration_closes_in=14,
        starts_in=21,
        mode=CohortMode.HYBRID,
        venue="Ruang Rapat Diskominfo Kota Malang, Jl. Tugu No. 1",
        seats={Segment.PUBLIC: 70, Segment.ASN: 70, Segment.UMKM: 20},
        trainers=(DEMO_TRAINER_EMAIL,),
    ),
    WaveSpec(
        "Gelombang 2",
        registration_opens_in=30,
        registration_closes_in=44,
        starts_in=60,
        mode=CohortMode.ONLINE,
        seats={Segment.PUBLIC: 50, Segment.ASN: 50, Segment.UMKM: 20},
    ),
]

PEWARTA_SLUG = content_pewarta.PEWARTA_SLUG
# Every demo programme with its waves, today's first (seed_demo builds them in this order).
PROGRAMMES = [(COURSE, WAVES), (content_pewarta.COURSE, content_pewarta_people.WAVES)]
CLASSMATES = content_pewarta_people.CLASSMATES
JOURNEYS = content_pewarta_people.JOURNEYS
