"""Demo content for `manage.py seed_demo`: a programme, its pictures and worksheets, and demo accounts.

Everything the demo needs is generated here, offline: posters are drawn with Pillow and
worksheets are rendered to PDF by WeasyPrint with the fonts in static/fonts. Seeding is
idempotent: pages are found by slug under their parent, pictures and worksheets by title,
accounts by email, and whatever already exists is left exactly as it is.
"""

# The Indonesian content uses en dashes for ranges (U+2013 in "0-3 detik"), as typeset text should.
# ruff: noqa: RUF001

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.models import Segment, User

DEMO_PASSWORD = "sinau-demo-2026"  # noqa: S105  (published on purpose: demo only)
COURSE_SLUG = "sinau-tiktok-youtube"
FONTS_DIR = settings.BASE_DIR / "static" / "fonts"


class DemoSeedError(Exception):
    """The demo cannot be seeded into this database; the message says why."""


# --- Accounts -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    groups: tuple[str, ...] = ()
    is_superuser: bool = False
    segment: str = Segment.PUBLIC
    nip: str = ""
    opd: str = ""
    business_name: str = ""
    district: str = ""


ACCOUNTS = [
    DemoAccount("admin@sinau.test", "Administrator Sinau", "admin (superuser)", is_superuser=True),
    DemoAccount("staf@sinau.test", "Ayu Lestari", "staff", groups=("Staff",)),
    DemoAccount("pelatih@sinau.test", "Dimas Prasetyo", "trainer", groups=("Trainer",)),
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
]


# --- Pictures and worksheets ----------------------------------------------------------


@dataclass(frozen=True)
class Poster:
    """An illustrative 16:9 poster: a gradient, a drawn motif and large text."""

    title: str
    headline: str
    kicker: str
    subtitle: str
    colours: tuple[str, str]
    motif: str = "circles"


POSTERS = {
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


@dataclass(frozen=True)
class Worksheet:
    """A printable worksheet: a short introduction, a table to fill in and notes."""

    title: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    example_rows: int = 0
    landscape: bool = True

    @property
    def filename(self) -> str:
        return f"{slugify(self.title)}.pdf"


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


# --- The programme ----------------------------------------------------------------------


@dataclass(frozen=True)
class LessonSpec:
    title: str
    slug: str
    minutes: int
    body: list
    required: bool = True


@dataclass(frozen=True)
class ModuleSpec:
    title: str
    slug: str
    intro: str
    lessons: list[LessonSpec]


@dataclass(frozen=True)
class CourseSpec:
    title: str
    slug: str
    summary: str
    intro: str
    learning_hours: int
    cover: str
    modules: list[ModuleSpec]


# Body blocks as (block type, value); pictures and worksheets are named by their key in
# POSTERS and WORKSHEETS and looked up (or made) only when a lesson is actually built.
def _image(key: str, alt_text: str, caption: str = "") -> tuple:
    return ("image", {"image": key, "alt_text": alt_text, "caption": caption})


def _video(url: str, title: str, duration: str = "") -> tuple:
    return ("video", {"url": url, "title": title, "duration": duration})


def _document(key: str, description: str) -> tuple:
    return ("document", {"document": key, "title": "", "description": description})


def _callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "text": html})


def _checklist(title: str, *items: str) -> tuple:
    return ("checklist", {"title": title, "items": list(items)})


def _heading(text: str) -> tuple:
    return ("heading", text)


def _text(html: str) -> tuple:
    return ("text", html)


_PLANNING = LessonSpec(
    "Merencanakan Video TikTok 60 Detik",
    "merencanakan-video-60-detik",
    20,
    [
        _heading("Mulai dari satu pesan"),
        _text(
            "<p>Video pendek yang berhasil hampir selalu membawa <b>satu pesan</b> saja. Sebelum membuka kamera, "
            "tulis jawaban untuk tiga pertanyaan: untuk siapa video ini dibuat, apa satu hal yang harus mereka "
            "ingat, dan apa yang kita ingin mereka lakukan setelah menonton, misalnya mengunjungi sebuah tempat, "
            "membeli produk, atau mengikuti akun.</p>"
            "<p>Durasi 60 detik terasa singkat, tetapi cukup untuk sekitar 130–150 kata narasi. Artinya tidak ada "
            "ruang untuk basa-basi: salam panjang, perkenalan diri, dan logo besar di awal sebaiknya dibuang. "
            "Penonton memutuskan untuk terus menonton atau menggulir dalam dua sampai tiga detik pertama.</p>"
        ),
        _heading("Struktur hook – isi – ajakan"),
        _text(
            "<p>Pakai kerangka sederhana ini untuk hampir semua video:</p>"
            "<ol><li><b>Hook (0–3 detik):</b> kalimat atau gambar yang membuat orang berhenti menggulir, misalnya "
            "“Tiga tempat sarapan di Malang yang buka sebelum jam enam pagi.”</li>"
            "<li><b>Isi (4–50 detik):</b> paling banyak tiga poin, masing-masing dengan gambar yang berbeda. Ganti "
            "gambar setiap dua sampai empat detik agar ritme tetap hidup.</li>"
            "<li><b>Ajakan (50–60 detik):</b> satu ajakan yang jelas, seperti “Simpan video ini untuk liburan "
            "nanti” atau “Pesan lewat tautan di profil.”</li></ol>"
            "<p>Tuangkan kerangka itu ke dalam <i>storyboard</i> sederhana: satu baris per adegan, berisi apa yang "
            "terlihat, apa yang terdengar (narasi atau musik), dan teks di layar. Storyboard di kertas pun cukup; "
            "yang penting semua adegan sudah terbayang sebelum merekam sehingga waktu di lokasi tidak terbuang.</p>"
        ),
        _image(
            "hook_isi_ajakan",
            "Poster tiga bagian video pendek: hook pada detik 0 sampai 3, isi pada detik 4 sampai 50, dan ajakan "
            "pada detik 50 sampai 60.",
            "Kerangka video 60 detik.",
        ),
        _video("https://www.youtube.com/watch?v=Q7mXr2LpK4s", "Contoh membuat storyboard untuk video pendek", "6:12"),
        _heading("Rencana konten 7 hari"),
        _text(
            "<p>Konsistensi lebih penting daripada satu video yang sempurna. Akun yang mengunggah tiga sampai lima "
            "kali seminggu dengan tema yang jelas lebih mudah dikenali penonton. Gunakan lembar kerja di bawah "
            "untuk merencanakan tujuh hari: satu ide, satu hook, dan satu ajakan untuk setiap hari. Campur jenis "
            "konten: edukasi (tips), hiburan (tren yang disesuaikan), dan cerita di balik layar.</p>"
        ),
        _document("rencana_konten", "Cetak atau isi di ponsel, lalu bawa ke sesi pendampingan."),
        _checklist(
            "Sebelum merekam",
            "Satu pesan utama sudah ditulis dalam satu kalimat",
            "Hook untuk tiga detik pertama sudah dipilih",
            "Storyboard memuat semua adegan",
            "Ajakan di akhir video sudah jelas",
            "Lokasi, properti, dan izin sudah disiapkan",
        ),
        _callout(
            "tip",
            "Rekam lebih banyak dari yang dibutuhkan",
            "<p>Ambil setiap adegan dua sampai tiga kali dan rekam beberapa detik gambar tambahan (<i>B-roll</i>) "
            "seperti suasana jalan, tangan yang sedang bekerja, atau detail produk. Saat menyunting, gambar "
            "tambahan ini menyelamatkan video dari potongan yang terasa kasar.</p>",
        ),
    ],
)

_FILMING = LessonSpec(
    "Merekam dengan Ponsel: Komposisi dan Cahaya",
    "merekam-dengan-ponsel",
    25,
    [
        _heading("Siapkan ponsel"),
        _text(
            "<p>Ponsel kelas menengah sudah cukup untuk konten yang baik. Sebelum merekam, bersihkan lensa dengan "
            "kain lembut (sidik jari membuat gambar buram dan berkabut), pastikan memori masih tersisa beberapa "
            "gigabyte, aktifkan mode Jangan Ganggu agar rekaman tidak terputus oleh panggilan, dan pilih resolusi "
            "1080p dengan 30 fps. Resolusi 4K jarang diperlukan untuk media sosial dan cepat menghabiskan memori "
            "serta kuota saat mengunggah.</p>"
            "<p>Untuk TikTok, Reels, dan YouTube Shorts, rekam secara <b>vertikal (9:16)</b>. Untuk video YouTube "
            "biasa, rekam <b>horizontal (16:9)</b>. Tentukan sejak awal: memotong video horizontal menjadi "
            "vertikal membuang lebih dari separuh gambar.</p>"
        ),
        _heading("Komposisi: aturan sepertiga"),
        _text(
            "<p>Nyalakan garis bantu (<i>grid</i>) di pengaturan kamera. Layar terbagi menjadi sembilan kotak oleh "
            "dua garis mendatar dan dua garis tegak. Letakkan objek utama, misalnya wajah narasumber atau produk, "
            "di salah satu titik potong garis, bukan tepat di tengah. Gambar terasa lebih hidup dan menyisakan "
            "ruang untuk teks.</p>"
            "<p>Untuk orang yang berbicara ke kamera, posisikan mata sejajar garis sepertiga atas dan sisakan "
            "sedikit ruang di atas kepala. Jaga garis cakrawala tetap lurus. Kalau ragu, dekati objek: gambar "
            "yang diambil terlalu jauh adalah kesalahan paling umum pemula.</p>"
        ),
        _image(
            "rule_of_thirds",
            "Ilustrasi layar dengan garis bantu sembilan kotak; titik kuning menandai empat titik potong tempat "
            "objek utama diletakkan, dan seorang narasumber berdiri di garis sepertiga kanan.",
            "Aturan sepertiga: objek di titik potong garis bantu.",
        ),
        _heading("Cahaya dan suara"),
        _text(
            "<p>Cahaya lebih menentukan kualitas gambar daripada harga ponsel. Cahaya terbaik itu gratis: jendela "
            "di siang hari, atau matahari pagi dan sore (<i>golden hour</i>). Hadapkan wajah narasumber ke arah "
            "sumber cahaya; jangan membelakangi jendela atau langit terang karena wajah akan tampak gelap "
            "(<i>backlight</i>). Hindari matahari tepat di atas kepala sekitar pukul 11.00–14.00 yang membuat "
            "bayangan keras di mata. Di dalam ruangan, lampu LED atau <i>ring light</i> kecil di depan wajah sudah "
            "sangat membantu.</p>"
            "<p>Penonton lebih memaafkan gambar yang kurang tajam daripada suara yang buruk. Rekam di tempat yang "
            "tenang, jauh dari kipas angin dan jalan raya, dan dekatkan ponsel ke sumber suara. Mikrofon "
            "<i>clip-on</i> seharga puluhan ribu rupiah memberi peningkatan besar. Pegang ponsel dengan dua tangan "
            "dekat badan atau gunakan tripod, lalu ketuk layar untuk mengunci fokus dan eksposur.</p>"
        ),
        _video(
            "https://www.tiktok.com/@sinau.demo/video/7234567890123456789",
            "Tips pencahayaan murah untuk konten di rumah",
            "0:58",
        ),
        _callout(
            "warning",
            "Minta izin sebelum merekam orang",
            "<p>Mintalah izin sebelum merekam wajah seseorang dengan jelas, terutama anak-anak, dan hormati orang "
            "yang menolak. Di tempat ibadah, kantor pemerintahan, dan tempat usaha, tanyakan dulu kepada "
            "pengelolanya.</p>",
        ),
        _checklist(
            "Cek cepat di lokasi",
            "Lensa bersih",
            "Garis bantu kamera menyala",
            "Orientasi sesuai platform (9:16 atau 16:9)",
            "Wajah menghadap sumber cahaya",
            "Suara sekitar cukup tenang",
            "Fokus dan eksposur sudah dikunci",
        ),
    ],
)

_EDITING = LessonSpec(
    "Menyunting Video dengan CapCut",
    "menyunting-dengan-capcut",
    30,
    [
        _heading("Alur kerja dasar"),
        _text(
            "<p>CapCut adalah aplikasi penyunting video gratis yang banyak dipakai kreator TikTok dan tersedia untuk "
            "Android, iPhone, dan komputer. Alur kerjanya sama untuk hampir semua proyek:</p>"
            "<ol><li>Buat <b>proyek baru</b> dan pilih semua klip sesuai urutan storyboard.</li>"
            "<li>Atur rasio ke <b>9:16</b> untuk TikTok, Reels, dan Shorts.</li>"
            "<li><b>Pisahkan</b> (<i>split</i>) dan <b>hapus</b> bagian yang tidak perlu: jeda, salah ucap, dan awal "
            "klip sebelum Anda siap. Potong sedekat mungkin dengan kalimat pertama.</li>"
            "<li>Susun klip sehingga setiap gambar tampil dua sampai empat detik.</li>"
            "<li>Tambahkan teks, subtitle, musik, dan transisi secukupnya.</li>"
            "<li><b>Ekspor</b> dengan resolusi 1080p dan 30 fps.</li></ol>"
        ),
        _image(
            "capcut_timeline",
            "Ilustrasi lini waktu penyuntingan dengan layar pratinjau dan tiga jalur: klip video, teks, dan musik.",
            "Tiga jalur utama di lini waktu: video, teks, dan audio.",
        ),
        _heading("Teks dan subtitle"),
        _text(
            "<p>Banyak orang menonton video tanpa suara, misalnya di kendaraan umum atau di kantor. Gunakan fitur "
            "<b>teks otomatis</b> (<i>auto captions</i>) untuk membuat subtitle, lalu periksa ejaannya satu per satu "
            "karena pengenalan suara sering keliru, terutama untuk nama tempat dan bahasa daerah. Subtitle juga "
            "membantu penonton dengan gangguan pendengaran.</p>"
            "<p>Letakkan teks di area aman: jangan terlalu bawah karena tertutup caption dan nama akun, dan jangan "
            "terlalu kanan karena tertutup tombol suka dan bagikan. Pakai huruf tebal, besar, dan kontras, dengan "
            "paling banyak enam sampai delapan kata per layar.</p>"
        ),
        _heading("Musik dan hak cipta"),
        _text(
            "<p>Gunakan musik dari pustaka audio CapCut atau TikTok yang berlisensi untuk dipakai di platform "
            "tersebut. Lagu populer yang diunduh dari tempat lain bisa membuat video dibisukan atau diturunkan, "
            "terutama di YouTube. Atur volume musik jauh di bawah suara narasi agar kata-kata tetap jelas.</p>"
        ),
        _video("https://www.youtube.com/watch?v=Vb3nT8qWz1E", "Tutorial CapCut untuk pemula", "12:40"),
        _callout(
            "tip",
            "Hemat kuota saat mengunggah",
            "<p>Ekspor 1080p sudah cukup untuk semua platform. Unggah lewat Wi-Fi kantor atau rumah, dan simpan "
            "proyek CapCut sampai video selesai ditinjau pendamping agar revisi tidak perlu dimulai dari awal.</p>",
        ),
        _checklist(
            "Sebelum ekspor",
            "Tidak ada jeda kosong di awal video",
            "Ejaan subtitle sudah diperiksa",
            "Teks berada di area aman",
            "Volume musik lebih pelan daripada narasi",
            "Ajakan di akhir tampil minimal dua detik",
        ),
    ],
)

_HOOKS = LessonSpec(
    "Hook dan Caption yang Menghentikan Jempol",
    "hook-dan-caption",
    20,
    [
        _heading("Tiga detik pertama"),
        _text(
            "<p>Di beranda TikTok dan Reels, video Anda bersaing dengan jutaan video lain. Hook adalah alasan "
            "penonton berhenti menggulir. Hook yang kuat menjanjikan sesuatu yang spesifik dan langsung terlihat "
            "di layar, bukan hanya diucapkan.</p>"
            "<p>Beberapa pola hook yang mudah dipakai:</p>"
            "<ul><li><b>Pertanyaan:</b> “Pernah coba bakso bakar di Malang?”</li>"
            "<li><b>Angka:</b> “5 spot foto gratis di Kayutangan.”</li>"
            "<li><b>Sebelum–sesudah:</b> tampilkan hasil akhir lebih dulu, lalu cara membuatnya.</li>"
            "<li><b>Kesalahan umum:</b> “Jangan foto produk di bawah lampu kuning.”</li>"
            "<li><b>Langsung beraksi:</b> mulai di tengah kejadian, misalnya kuah bakso dituang, bukan dari wajah "
            "yang menyapa.</li></ul>"
        ),
        _image(
            "hook_3_detik",
            "Poster bertuliskan Hook 3 Detik Pertama dengan ilustrasi layar ponsel vertikal dan tombol putar.",
        ),
        _heading("Menulis caption"),
        _text(
            "<p>Caption melengkapi video, bukan mengulang isinya. Kalimat pertama paling penting karena hanya itu "
            "yang terlihat sebelum penonton mengetuk “selengkapnya”. Tambahkan informasi yang berguna (alamat, jam "
            "buka, harga, cara pesan) dan satu ajakan.</p>"
            "<p>Gunakan tiga sampai lima tagar yang relevan: campuran tagar lokal (#malang, #kulinermalang), tagar "
            "topik (#tipsvideo), dan tagar kampanye bila ada. Tagar yang tidak berhubungan dengan isi video tidak "
            "membantu dan bisa terlihat seperti spam.</p>"
        ),
        _video("https://www.instagram.com/reel/C7kQm2xLp9A/", "Contoh hook: mulai dari hasil akhir", "0:35"),
        _heading("Belajar dari data"),
        _text(
            "<p>Setelah 24–48 jam, buka analitik video di TikTok Studio atau YouTube Studio. Perhatikan "
            "<b>retensi penonton</b>: di detik ke berapa orang pergi. Jika banyak yang pergi di tiga detik pertama, "
            "perbaiki hook; jika penonton turun di tengah, isinya terlalu panjang. Bandingkan beberapa video, "
            "jangan menilai dari satu video saja.</p>"
        ),
        _checklist(
            "Caption siap unggah",
            "Kalimat pertama menarik dan jelas",
            "Ada informasi penting: lokasi, harga, atau cara pesan",
            "Hanya satu ajakan",
            "Tiga sampai lima tagar yang relevan",
            "Akun kolaborator sudah ditandai",
        ),
    ],
)

_CITY_IDENTITY = LessonSpec(
    "Mengenal Identitas Kota Malang",
    "identitas-kota-malang",
    20,
    [
        _heading("Apa itu branding kota?"),
        _text(
            "<p>Branding kota bukan sekadar logo atau slogan. Branding adalah kesan yang muncul di benak orang "
            "ketika mendengar nama sebuah kota: apa yang mereka bayangkan, rasakan, dan ceritakan kepada orang "
            "lain. Kesan itu dibangun dari ribuan cerita kecil, dan konten media sosial warga adalah salah satu "
            "sumber cerita terbesar.</p>"
            "<p>Tugas kita bukan membuat kota tampak sempurna, melainkan menunjukkan hal-hal yang benar-benar khas "
            "dan membanggakan, dengan cara yang jujur dan konsisten.</p>"
        ),
        _heading("Wajah-wajah Kota Malang"),
        _text(
            "<ul><li><b>Kota Pendidikan.</b> Malang dikenal sebagai kota pelajar dengan puluhan perguruan tinggi, di "
            "antaranya Universitas Brawijaya, Universitas Negeri Malang, dan Universitas Muhammadiyah Malang. "
            "Setiap tahun ribuan mahasiswa baru dari seluruh Indonesia datang, sehingga kota ini terasa muda, "
            "kreatif, dan ramai kafe.</li>"
            "<li><b>Kota Wisata.</b> Udara sejuk di ketinggian sekitar 440–670 meter di atas permukaan laut, "
            "bangunan bersejarah, dan kulinernya menjadikan Malang tujuan liburan sekaligus pintu gerbang ke Kota "
            "Batu dan kawasan Bromo–Tengger–Semeru.</li>"
            "<li><b>Tugu Malang.</b> Tugu kemerdekaan di tengah kolam teratai Alun-Alun Tugu, di depan Balai Kota, "
            "adalah ikon kota yang paling sering difoto.</li>"
            "<li><b>Kayutangan Heritage.</b> Koridor Jalan Basuki Rahmat dan kampung Kajoetangan menyimpan rumah "
            "dan toko dari masa kolonial, gang-gang sempit, dan cerita warga lintas generasi.</li>"
            "<li><b>Kampung Warna-Warni Jodipan.</b> Permukiman di tepi Sungai Brantas yang dicat warna-warni sejak "
            "2016 berkat gagasan mahasiswa dan gotong royong warga, kini menjadi contoh kampung yang berubah "
            "menjadi tujuan wisata.</li>"
            "<li><b>Kuliner dan hasil bumi.</b> Bakso Malang, keripik tempe Sanan, dan apel dari Malang Raya "
            "dikenal sampai jauh di luar Jawa Timur.</li></ul>"
        ),
        _image(
            "branding_malang",
            "Poster bertuliskan Branding Kota Malang dengan siluet Tugu Malang di atas kolam dan deretan rumah "
            "warna-warni seperti Kampung Jodipan.",
            "Ikon kota menjadi bahan cerita, bukan sekadar latar foto.",
        ),
        _heading("Dari identitas ke pesan"),
        _text(
            "<p>Pilih satu atau dua wajah kota yang paling dekat dengan Anda, lalu turunkan menjadi pesan yang bisa "
            "diceritakan. Misalnya, “Malang kota pendidikan” menjadi seri video tentang tempat belajar gratis "
            "untuk mahasiswa; “kota wisata” menjadi rute jalan kaki setengah hari di Kayutangan. Pesan yang "
            "spesifik lebih mudah diingat daripada slogan umum seperti “Malang indah”.</p>"
            "<p>Manfaatkan juga bahasa dan gaya lokal. Boso walikan khas Malang, seperti “Ngalam” untuk Malang "
            "dan “kera Ngalam” untuk arek Malang, memberi rasa akrab bagi warga dan rasa penasaran bagi pendatang. "
            "Pakai secukupnya dan beri subtitle agar tetap dipahami semua orang.</p>"
        ),
        _video("https://youtu.be/Hk5rP0sNq3Y", "Jelajah Kota Malang dalam 3 menit", "3:05"),
        _callout(
            "info",
            "Gunakan identitas visual resmi dengan benar",
            "<p>Jika konten dibuat untuk pemerintah kota, gunakan logo dan warna sesuai panduan dari Diskominfo. "
            "Jangan mengubah bentuk atau warna logo, dan jangan memasang logo pemerintah pada konten pribadi atau "
            "iklan usaha.</p>",
        ),
        _checklist(
            "Riset sebelum membuat konten kota",
            "Fakta sejarah dan nama tempat sudah dicek",
            "Jam buka dan harga tiket terbaru sudah dikonfirmasi",
            "Sudut pandang warga setempat ikut didengar",
            "Tidak ada klaim berlebihan seperti “satu-satunya” atau “terbaik se-Indonesia”",
        ),
    ],
)

_CITY_STORIES = LessonSpec(
    "Bercerita tentang Kota lewat Video",
    "bercerita-tentang-kota",
    25,
    [
        _heading("Cerita dimulai dari orang"),
        _text(
            "<p>Tempat menjadi menarik ketika ada manusia di dalamnya. Daripada menampilkan bangunan kosong, "
            "ceritakan penjual bakso yang sudah tiga puluh tahun berjualan di gang yang sama, perajin topeng "
            "Malangan yang mewariskan keahliannya kepada anak muda, atau pemandu kampung Jodipan yang dulu ikut "
            "mengecat rumah-rumah warga.</p>"
            "<p>Gunakan struktur cerita sederhana: <b>tokoh</b> (siapa), <b>keunikan atau tantangan</b> (apa yang "
            "membuatnya berbeda), dan <b>momen</b> (satu adegan yang paling menyentuh atau mengejutkan). Biarkan "
            "tokoh berbicara sendiri; narasi Anda cukup menjembatani.</p>"
        ),
        _image(
            "cerita_warga",
            "Poster merah bertuliskan Cerita Warga, Wajah Kota dengan tiga lingkaran dekoratif.",
        ),
        _heading("Format seri dan konsistensi"),
        _text(
            "<p>Akun yang membangun citra kota biasanya memakai <b>format seri</b>: judul tetap, durasi mirip, dan "
            "jadwal rutin, misalnya “Sarapan Ngalam” setiap Senin atau “Sudut Kayutangan” setiap Kamis. Penonton "
            "tahu apa yang akan mereka dapat, dan pembuat konten tidak perlu memulai dari nol setiap minggu.</p>"
            "<p>Jaga konsistensi visual: dua atau tiga warna utama, satu jenis huruf untuk teks di layar, dan "
            "pembuka yang sama pada dua detik pertama. Pakai tagar kampanye yang sama di setiap unggahan dan ajak "
            "warga memakainya juga, agar cerita mereka mudah dikumpulkan dan dibagikan ulang dengan izin.</p>"
        ),
        _video(
            "https://www.tiktok.com/@sinau.demo/video/7301234567890123456",
            "Seri Sudut Kayutangan, episode 1",
            "0:52",
        ),
        _document("peta_cerita", "Petakan tempat, tokoh, dan izin yang dibutuhkan sebelum turun ke lapangan."),
        _callout(
            "tip",
            "Berkolaborasi",
            "<p>Ajak kreator lokal, komunitas, dan pelaku usaha untuk berkolaborasi. Fitur kolaborasi di Instagram "
            "serta <i>Duet</i> dan <i>Stitch</i> di TikTok memperluas jangkauan tanpa biaya iklan.</p>",
        ),
        _checklist(
            "Sebelum turun ke lapangan",
            "Tokoh dan tempat sudah dipilih",
            "Narasumber sudah setuju diwawancarai dan direkam",
            "Daftar adegan dan pertanyaan wawancara sudah ditulis",
            "Judul seri dan tagar kampanye sudah ditentukan",
        ),
    ],
)

_ETHICS = LessonSpec(
    "Etika, Izin, dan Hak Cipta",
    "etika-izin-hak-cipta",
    15,
    [
        _heading("Konten kota membawa nama banyak orang"),
        _text(
            "<p>Konten tentang kota menyangkut nama baik warga, tempat usaha, dan pemerintah daerah. Satu video yang "
            "keliru atau menyinggung bisa menyebar lebih cepat daripada klarifikasinya. Karena itu, kreator kota "
            "perlu memegang beberapa prinsip dasar.</p>"
            "<ol><li><b>Izin.</b> Mintalah persetujuan orang yang wajahnya terekam jelas, terutama anak-anak, dan "
            "izin pengelola sebelum merekam di dalam gedung, tempat ibadah, atau tempat usaha.</li>"
            "<li><b>Akurasi.</b> Cek fakta, nama, tanggal, dan harga. Sebutkan sumber bila mengutip data, dan "
            "jangan menyebarkan informasi yang belum pasti benar.</li>"
            "<li><b>Hak cipta.</b> Gunakan musik, foto, dan video milik sendiri, yang berlisensi, atau yang "
            "diizinkan pemiliknya. Sebutkan kreator aslinya saat membagikan ulang.</li>"
            "<li><b>Privasi.</b> Jangan menampilkan nomor rumah, pelat nomor kendaraan, atau dokumen pribadi tanpa "
            "izin; samarkan bila perlu.</li>"
            "<li><b>Drone.</b> Patuhi aturan penerbangan drone dan minta izin pengelola lokasi; beberapa kawasan "
            "melarang drone sama sekali.</li></ol>"
        ),
        _callout(
            "warning",
            "Hati-hati dengan hoaks",
            "<p>Menyebarkan informasi bohong yang merugikan orang lain dapat berujung pada sanksi hukum, termasuk "
            "berdasarkan UU ITE. Bila ragu, jangan unggah; tanyakan dulu kepada sumber resmi.</p>",
        ),
        _heading("Konten untuk semua orang"),
        _text(
            "<p>Buat konten yang bisa dinikmati semua orang: beri subtitle, gunakan kontras warna yang cukup, dan "
            "tulis deskripsi gambar (<i>alt text</i>) saat mengunggah foto. Kota yang ramah untuk semua dimulai "
            "dari konten yang ramah untuk semua.</p>"
        ),
        _checklist(
            "Sebelum mengunggah konten kota",
            "Semua orang yang tampil jelas sudah memberi izin",
            "Fakta, nama, dan angka sudah dicek ulang",
            "Musik dan gambar boleh dipakai",
            "Data pribadi sudah disamarkan",
            "Video memiliki subtitle",
        ),
    ],
)

_PRODUCT_PHOTOS = LessonSpec(
    "Foto Produk dengan Ponsel",
    "foto-produk-dengan-ponsel",
    25,
    [
        _heading("Foto adalah etalase toko online"),
        _text(
            "<p>Di toko online, pembeli tidak bisa memegang, mencium, atau mencicipi produk. Foto menggantikan "
            "semua itu, sehingga foto yang jelas dan jujur adalah investasi paling murah untuk menaikkan penjualan. "
            "Tidak perlu kamera mahal: ponsel, cahaya jendela, dan selembar karton putih sudah cukup.</p>"
        ),
        _heading("Studio mini di rumah"),
        _text(
            "<ol><li><b>Cahaya:</b> letakkan meja di dekat jendela pada pagi atau sore hari. Matikan lampu ruangan "
            "agar warna tidak bercampur kekuningan. Bila bayangan terlalu gelap, pantulkan cahaya dengan karton "
            "putih atau <i>styrofoam</i> di sisi yang berlawanan dengan jendela.</li>"
            "<li><b>Latar:</b> gunakan latar polos, seperti karton putih, kain, atau papan kayu, yang tidak "
            "mengalahkan produk. Untuk foto utama, marketplace umumnya menyarankan latar putih atau terang.</li>"
            "<li><b>Sudut:</b> untuk minuman dan kemasan berdiri, foto sejajar produk atau dari sudut sekitar 45 "
            "derajat. Untuk makanan di piring dan produk datar seperti kain batik, foto dari atas "
            "(<i>flat lay</i>).</li>"
            "<li><b>Detail:</b> tambahkan foto tekstur, isi kemasan, dan ukuran (misalnya produk di tangan) agar "
            "pembeli tahu persis apa yang akan mereka terima.</li></ol>"
        ),
        _image(
            "foto_produk",
            "Ilustrasi kemasan produk di atas meja dekat jendela, dengan karton putih sebagai pemantul cahaya.",
            "Studio mini: jendela, latar polos, dan pemantul putih.",
        ),
        _video("https://www.youtube.com/watch?v=Lm4Tz8Ra2Wc", "Foto produk UMKM pakai HP dan cahaya jendela", "8:20"),
        _heading("Jujur itu menjual"),
        _text(
            "<p>Sunting secukupnya: luruskan, potong, dan atur kecerahan. Jangan mengubah warna atau ukuran produk "
            "sehingga berbeda dari aslinya; selisih antara foto dan barang adalah alasan utama ulasan buruk dan "
            "pengembalian barang. Pastikan label, komposisi, tanggal kedaluwarsa, dan nomor izin pada kemasan "
            "terbaca di salah satu foto.</p>"
        ),
        _checklist(
            "Foto wajib untuk setiap produk",
            "Foto utama berlatar polos dan terang",
            "Foto dari beberapa sudut",
            "Foto detail atau tekstur",
            "Foto ukuran (produk di tangan atau di samping benda lain)",
            "Foto label, komposisi, dan nomor izin",
        ),
    ],
)

_PRICING = LessonSpec(
    "Menulis Deskripsi dan Menentukan Harga",
    "deskripsi-dan-harga",
    30,
    [
        _heading("Copywriting: manfaat sebelum fitur"),
        _text(
            "<p>Pembeli tidak sekadar membeli “keripik tempe 100 gram”; mereka membeli camilan renyah untuk teman "
            "ngopi atau oleh-oleh khas Malang untuk keluarga. Tulis <b>manfaat</b> lebih dulu, lalu <b>fitur</b> "
            "yang membuktikannya. Rumus sederhana yang bisa dipakai adalah <b>AIDA</b>:</p>"
            "<ul><li><b>Attention:</b> judul yang menarik perhatian.</li>"
            "<li><b>Interest:</b> keunikan produk, misalnya dibuat dari tempe Sanan tanpa pengawet.</li>"
            "<li><b>Desire:</b> gambaran pengalaman memakai produk, diperkuat bukti seperti ulasan pembeli.</li>"
            "<li><b>Action:</b> ajakan yang jelas: “Klik beli sekarang” atau “Pesan lewat WhatsApp”.</li></ul>"
            "<p>Di marketplace, judul produk juga harus mudah ditemukan lewat pencarian. Susun judul dengan pola "
            "<i>nama produk + merek + keunggulan + ukuran atau varian</i>, misalnya “Keripik Tempe Sanan Pak "
            "Bambang Renyah Tanpa Pengawet 250 gr”. Di deskripsi, cantumkan komposisi, berat bersih, masa simpan, "
            "cara penyimpanan, serta nomor <b>PIRT</b> (SPP-IRT) dan <b>sertifikat halal</b> bila sudah dimiliki. "
            "Informasi ini menambah kepercayaan pembeli.</p>"
        ),
        _heading("Menghitung harga jual"),
        _text(
            "<p>Harga yang terlalu murah membuat usaha rugi diam-diam; harga yang terlalu mahal membuat pembeli "
            "pindah ke toko lain. Mulailah dari <b>harga pokok produksi (HPP)</b> per unit: bahan baku, kemasan, "
            "tenaga kerja, dan biaya lain seperti gas dan listrik, dibagi jumlah produk yang dihasilkan.</p>"
            "<p>Contoh: satu kali produksi menghabiskan Rp300.000 untuk bahan, Rp60.000 untuk kemasan, dan Rp90.000 "
            "untuk tenaga kerja serta gas, dan menghasilkan 50 bungkus. HPP per bungkus adalah Rp450.000 ÷ 50 = "
            "<b>Rp9.000</b>. Dengan target keuntungan 40% dari HPP, harga jual langsung menjadi Rp12.600, "
            "dibulatkan menjadi <b>Rp13.000</b>.</p>"
            "<p>Marketplace memotong biaya administrasi dan layanan dari setiap penjualan; besarnya berbeda per "
            "platform dan kategori, dan bisa berubah. Jika potongannya 10%, harga di marketplace perlu sekitar "
            "Rp12.600 ÷ 0,9 = <b>Rp14.000</b> agar keuntungan tetap sama. Selalu periksa ketentuan biaya terbaru "
            "di pusat edukasi penjual masing-masing platform.</p>"
        ),
        _image(
            "harga_jual",
            "Grafik batang bertumpuk yang menunjukkan susunan harga jual: bahan, kemasan, tenaga kerja, biaya "
            "platform, dan keuntungan.",
            "Harga jual tersusun dari HPP, keuntungan, dan biaya platform.",
        ),
        _video("https://www.youtube.com/watch?v=Jd6Ys1Ku0Pe", "Cara menghitung HPP dan harga jual untuk UMKM", "9:45"),
        _document("harga_jual", "Tabel HPP dan harga jual yang bisa diisi, lengkap dengan contoh perhitungan."),
        _callout(
            "tip",
            "Harga psikologis dan paket",
            "<p>Harga Rp12.900 terasa lebih murah daripada Rp13.000 walau selisihnya kecil. Tawarkan juga paket "
            "seperti “beli 3 lebih hemat” untuk menaikkan nilai belanja setiap pembeli.</p>",
        ),
        _checklist(
            "Deskripsi produk lengkap",
            "Judul memuat nama produk, merek, keunggulan, dan ukuran",
            "Manfaat ditulis sebelum fitur",
            "Komposisi, berat bersih, dan masa simpan dicantumkan",
            "Nomor PIRT dan sertifikat halal dicantumkan bila ada",
            "Harga sudah menutup HPP, keuntungan, dan biaya platform",
        ),
    ],
)

_SELLING = LessonSpec(
    "Berjualan di Marketplace dan WhatsApp Business",
    "marketplace-dan-whatsapp-business",
    25,
    [
        _heading("Legalitas dulu"),
        _text(
            "<p>Sebelum membuka toko, lengkapi legalitas dasar. <b>Nomor Induk Berusaha (NIB)</b> bisa dibuat "
            'gratis secara daring melalui sistem OSS di <a href="https://oss.go.id">oss.go.id</a>. Untuk pangan '
            "olahan rumahan, urus <b>SPP-IRT</b> (sering disebut PIRT); untuk produk halal, ajukan <b>sertifikat "
            "halal</b> ke BPJPH, termasuk lewat jalur <i>self declare</i> bagi usaha mikro dan kecil yang memenuhi "
            "syarat. Produk tertentu, seperti kosmetik, memerlukan izin edar BPOM. Dinas yang membina UMKM di kota "
            "Anda dapat membantu pendampingan.</p>"
        ),
        _heading("Shopee dan Tokopedia"),
        _text(
            "<p>Shopee dan Tokopedia termasuk marketplace dengan pengunjung terbanyak di Indonesia. Membuka toko di "
            "keduanya gratis; penjual membayar biaya administrasi per transaksi. Langkah awalnya mirip:</p>"
            "<ol><li>Daftar sebagai penjual dengan nomor ponsel dan email, lalu lengkapi nama toko, logo, "
            "deskripsi singkat, dan alamat pengiriman.</li>"
            "<li>Unggah produk dengan foto terbaik, judul yang mudah dicari, deskripsi lengkap, berat setelah "
            "dikemas, dan variasi seperti rasa atau ukuran.</li>"
            "<li>Aktifkan beberapa jasa kirim agar pembeli bisa memilih ongkos kirim termurah.</li>"
            "<li>Balas chat dengan cepat dan kirim pesanan tepat waktu; kecepatan ini memengaruhi penilaian "
            "toko.</li></ol>"
            "<p>Setelah beberapa pesanan pertama, mintalah pembeli memberi ulasan dan foto. Ulasan adalah bukti "
            "sosial yang sangat berpengaruh pada keputusan pembeli berikutnya.</p>"
        ),
        _heading("WhatsApp Business"),
        _text(
            "<p>Banyak pelanggan UMKM lebih nyaman memesan lewat WhatsApp. Gunakan aplikasi <b>WhatsApp "
            "Business</b> yang gratis, bukan WhatsApp biasa, agar bisa memakai fitur usaha:</p>"
            "<ul><li><b>Profil bisnis:</b> alamat, jam buka, email, dan tautan ke toko marketplace.</li>"
            "<li><b>Katalog:</b> foto, harga, dan deskripsi produk yang bisa dikirim langsung di chat.</li>"
            "<li><b>Pesan salam</b> dan <b>pesan di luar jam kerja</b> yang terkirim otomatis.</li>"
            "<li><b>Balasan cepat</b> untuk pertanyaan yang sering muncul, misalnya ongkos kirim dan cara "
            "bayar.</li>"
            "<li><b>Label</b> untuk menandai chat: pesanan baru, menunggu pembayaran, sudah dikirim.</li></ul>"
        ),
        _image(
            "whatsapp_business",
            "Ilustrasi percakapan WhatsApp Business antara penjual dan pembeli dengan gelembung chat.",
        ),
        _video(
            "https://www.tiktok.com/@sinau.demo/video/7356789012345678901",
            "Atur katalog WhatsApp Business dalam 1 menit",
            "1:02",
        ),
        _callout(
            "warning",
            "Waspadai penipuan",
            "<p>Jangan pernah memberikan kode OTP kepada siapa pun, termasuk yang mengaku dari marketplace atau bank. "
            "Cek mutasi rekening sebelum mengirim barang: bukti transfer berupa foto bisa dipalsukan.</p>",
        ),
        _checklist(
            "Toko siap buka",
            "NIB sudah terbit",
            "PIRT atau sertifikat halal sudah atau sedang diurus (untuk pangan)",
            "Minimal lima produk dengan foto lengkap",
            "Beberapa jasa kirim sudah diaktifkan",
            "Katalog WhatsApp Business sudah terisi",
            "Balasan cepat untuk pertanyaan umum sudah tersedia",
        ),
    ],
)

_LIVE_SELLING = LessonSpec(
    "Bonus: Live Jualan dan Melayani Pembeli",
    "bonus-live-jualan",
    15,
    [
        _heading("Siaran langsung yang menjual"),
        _text(
            "<p>Fitur siaran langsung di TikTok dan Shopee Live memungkinkan penjual menunjukkan produk secara nyata "
            "dan menjawab pertanyaan saat itu juga. Siapkan skrip singkat: sapa penonton baru setiap beberapa "
            "menit, tunjukkan produk dari dekat, sebutkan harga dan promo berulang kali, dan arahkan penonton ke "
            "keranjang atau tautan produk.</p>"
            "<p>Jadwalkan siaran pada jam yang sama, misalnya setiap Jumat pukul 19.00, dan umumkan sehari "
            "sebelumnya. Jadwal yang konsisten membuat penonton datang kembali.</p>"
        ),
        _video("https://www.youtube.com/shorts/Wq8Ne3Rt5Yb", "Contoh pembukaan live jualan", "0:45"),
        _heading("Melayani pembeli"),
        _text(
            "<p>Pelanggan yang puas akan kembali dan bercerita kepada orang lain. Balas pertanyaan dengan ramah, "
            "beri kabar ketika pesanan dikirim, dan sertakan kartu ucapan kecil di dalam paket. Tanggapi ulasan "
            "buruk dengan tenang dan tawarkan solusi, karena calon pembeli juga membaca cara Anda menanggapi "
            "keluhan.</p>"
        ),
        _checklist(
            "Persiapan live",
            "Koneksi internet stabil dan baterai ponsel penuh",
            "Produk dan daftar harga tertata di meja",
            "Promo khusus untuk penonton live",
            "Teman yang membantu membalas komentar",
        ),
    ],
    required=False,
)

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
        "<p>Peserta yang menyelesaikan semua pelajaran wajib mendapat <b>e-sertifikat keikutsertaan</b>. "
        "E-sertifikat ini bukan sertifikasi profesi.</p>"
    ),
    learning_hours=32,
    cover="cover",
    modules=[
        ModuleSpec(
            "Membuat Konten Kreatif",
            "membuat-konten-kreatif",
            "<p>Dari ide sampai unggah: merencanakan, merekam, menyunting, dan menulis caption untuk video pendek "
            "TikTok, YouTube Shorts, dan Reels.</p>",
            [_PLANNING, _FILMING, _EDITING, _HOOKS],
        ),
        ModuleSpec(
            "Branding Kota Malang",
            "branding-kota-malang",
            "<p>Mengenal identitas Kota Malang dan menceritakannya lewat video yang jujur, hangat, dan konsisten.</p>",
            [_CITY_IDENTITY, _CITY_STORIES, _ETHICS],
        ),
        ModuleSpec(
            "Jualan Online Produk UMKM",
            "jualan-online-produk-umkm",
            "<p>Memotret produk, menulis deskripsi dan menentukan harga, lalu berjualan di marketplace dan "
            "WhatsApp Business.</p>",
            [_PRODUCT_PHOTOS, _PRICING, _SELLING, _LIVE_SELLING],
        ),
    ],
)


# --- Drawing posters -------------------------------------------------------------------

POSTER_SIZE = (1200, 675)
_WHITE = (255, 255, 255)
_ACCENT = (255, 214, 10)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS_DIR / f"NotoSans-{weight}.ttf"), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line]


def _draw_circles(draw: ImageDraw.ImageDraw) -> None:
    for x, y, radius, alpha in ((1010, 170, 200, 45), (880, 540, 150, 35), (1130, 560, 90, 60)):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*_WHITE, alpha))


def _draw_thirds(draw: ImageDraw.ImageDraw) -> None:
    width, height = POSTER_SIZE
    # A person standing on the right third line, eyes on the upper third.
    draw.ellipse((745, 150, 855, 260), fill=(*_WHITE, 200))
    draw.rounded_rectangle((705, 275, 895, 675), radius=80, fill=(*_WHITE, 170))
    for i in (1, 2):
        draw.line((width * i // 3, 0, width * i // 3, height), fill=(*_WHITE, 140), width=4)
        draw.line((0, height * i // 3, width, height * i // 3), fill=(*_WHITE, 140), width=4)
    for x in (width // 3, 2 * width // 3):
        for y in (height // 3, 2 * height // 3):
            draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(*_ACCENT, 255))


def _draw_phone(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((815, 110, 1055, 565), radius=36, fill=(20, 20, 30, 230))
    draw.rounded_rectangle((831, 140, 1039, 535), radius=20, fill=(*_WHITE, 60))
    draw.polygon(((905, 280), (905, 400), (1000, 340)), fill=(*_WHITE, 240))
    for y in (380, 430, 480):
        draw.ellipse((1005, y, 1029, y + 24), fill=(*_ACCENT, 230))
    draw.rounded_rectangle((850, 495, 980, 510), radius=7, fill=(*_WHITE, 200))


def _draw_timeline(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((780, 70, 1130, 300), radius=14, fill=(0, 0, 0, 120))
    draw.polygon(((930, 140), (930, 230), (1000, 185)), fill=(*_WHITE, 220))
    tracks = (
        (350, [(740, 860, "#ff6b6b"), (868, 990, "#ffd166"), (998, 1160, "#06d6a0")]),
        (430, [(780, 900, "#118ab2"), (960, 1100, "#118ab2")]),
        (510, [(740, 1160, "#8338ec")]),
    )
    for y, clips in tracks:
        for left, right, colour in clips:
            draw.rounded_rectangle((left, y, right, y + 56), radius=10, fill=(*_rgb(colour), 235))
    draw.line((900, 330, 900, 590), fill=(*_WHITE, 255), width=4)


def _draw_segments(draw: ImageDraw.ImageDraw) -> None:
    label, small = _font("Bold", 34), _font("Regular", 26)
    cards = (("HOOK", "0–3 detik", "#e63946"), ("ISI", "4–50 detik", "#f4a261"), ("AJAKAN", "50–60 detik", "#2a9d8f"))
    for index, (name, seconds, colour) in enumerate(cards):
        top = 120 + index * 150
        draw.rounded_rectangle((760, top, 1140, top + 120), radius=18, fill=(*_rgb(colour), 235))
        draw.text((790, top + 18), name, font=label, fill=_WHITE)
        draw.text((790, top + 70), seconds, font=small, fill=_WHITE)


def _draw_city(draw: ImageDraw.ImageDraw) -> None:
    # The Tugu: a slender spire on a stepped base above a lotus pond.
    draw.ellipse((800, 520, 1060, 575), fill=(*_rgb("#a8dadc"), 200))
    draw.rectangle((890, 470, 970, 530), fill=(*_WHITE, 230))
    draw.polygon(((905, 470), (955, 470), (938, 120), (922, 120)), fill=(*_WHITE, 245))
    houses = ("#e63946", "#ffb703", "#8ecae6", "#fb8500", "#90be6d", "#f15bb5", "#00bbf9")
    for index, colour in enumerate(houses):
        left = 720 + index * 68
        draw.rectangle((left, 585, left + 62, 675), fill=(*_rgb(colour), 255))
        draw.polygon(((left - 4, 585), (left + 31, 548), (left + 66, 585)), fill=(*_rgb(colour), 255))


def _draw_product(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((960, 60, 1150, 300), fill=(*_WHITE, 210))  # the window
    draw.line((1055, 60, 1055, 300), fill=(120, 120, 120, 200), width=6)
    draw.line((960, 180, 1150, 180), fill=(120, 120, 120, 200), width=6)
    draw.polygon(((960, 300), (1150, 300), (980, 620), (760, 620)), fill=(*_WHITE, 40))  # its light
    draw.rectangle((700, 520, 1180, 540), fill=(90, 60, 40, 230))  # the table
    draw.rounded_rectangle((800, 300, 940, 520), radius=24, fill=(*_rgb("#e76f51"), 250))  # the pouch
    draw.rectangle((820, 370, 920, 450), fill=(*_WHITE, 240))
    draw.polygon(((1080, 520), (1170, 340), (1180, 345), (1095, 520)), fill=(*_WHITE, 235))  # the reflector


def _draw_bars(draw: ImageDraw.ImageDraw) -> None:
    small = _font("Regular", 26)
    layers = (
        ("Bahan", 130, "#bc6c25"),
        ("Kemasan", 50, "#dda15e"),
        ("Tenaga kerja", 70, "#fefae0"),
        ("Biaya platform", 45, "#8ecae6"),
        ("Keuntungan", 100, "#ffd60a"),
    )
    bottom = 600
    for name, height, colour in layers:
        draw.rectangle((780, bottom - height, 900, bottom), fill=(*_rgb(colour), 245))
        draw.text((925, bottom - height / 2 - 17), name, font=small, fill=_WHITE)
        bottom -= height + 4


def _draw_chat(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((760, 70, 1150, 610), radius=28, fill=(*_rgb("#ece5dd"), 235))
    draw.rounded_rectangle((760, 70, 1150, 150), radius=28, fill=(*_rgb("#075e54"), 255))
    draw.ellipse((780, 88, 824, 132), fill=(*_WHITE, 230))
    bubbles = ((790, 180, 1010, 240, False), (900, 270, 1120, 330, True), (790, 360, 1060, 450, False))
    for left, top, right, bottom, mine in bubbles:
        colour = _rgb("#dcf8c6") if mine else _WHITE
        draw.rounded_rectangle((left, top, right, bottom), radius=16, fill=(*colour, 255))
    draw.rounded_rectangle((790, 480, 960, 580), radius=14, fill=(*_rgb("#e76f51"), 255))  # a catalogue card


_MOTIFS = {
    "circles": _draw_circles,
    "thirds": _draw_thirds,
    "phone": _draw_phone,
    "timeline": _draw_timeline,
    "segments": _draw_segments,
    "city": _draw_city,
    "product": _draw_product,
    "bars": _draw_bars,
    "chat": _draw_chat,
}


def render_poster(poster: Poster) -> bytes:
    """Draw `poster` as a JPEG of about 30-50 KB (1200x675 pixels, quality 80)."""
    height = POSTER_SIZE[1]
    top, bottom = (PillowImage.new("RGB", POSTER_SIZE, _rgb(colour)) for colour in poster.colours)
    canvas = PillowImage.composite(bottom, top, PillowImage.linear_gradient("L").resize(POSTER_SIZE)).convert("RGBA")

    overlay = PillowImage.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    _MOTIFS[poster.motif](ImageDraw.Draw(overlay))
    canvas = PillowImage.alpha_composite(canvas, overlay)

    # The text sits on a dark translucent panel so it stays legible over any motif.
    kicker, headline, subtitle = _font("Bold", 28), _font("Bold", 72), _font("Regular", 32)
    panel = PillowImage.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    measure = ImageDraw.Draw(panel)
    text_width = 560
    headline_lines = _wrap(measure, poster.headline, headline, text_width)
    subtitle_lines = _wrap(measure, poster.subtitle, subtitle, text_width)
    text_height = 50 + 86 * len(headline_lines) + 16 + 44 * len(subtitle_lines)
    y = (height - text_height) // 2
    measure.rounded_rectangle((40, y - 44, 680, y + text_height + 36), radius=28, fill=(0, 0, 0, 95))
    canvas = PillowImage.alpha_composite(canvas, panel).convert("RGB")

    draw = ImageDraw.Draw(canvas)
    draw.text((80, y), poster.kicker.upper(), font=kicker, fill=_ACCENT)
    y += 50
    for line in headline_lines:
        draw.text((80, y), line, font=headline, fill=_WHITE)
        y += 86
    y += 16
    for line in subtitle_lines:
        draw.text((80, y), line, font=subtitle, fill=_WHITE)
        y += 44

    output = io.BytesIO()
    canvas.save(output, "JPEG", quality=80, optimize=True, progressive=True)
    return output.getvalue()


# --- Rendering worksheets ----------------------------------------------------------------

_WORKSHEET_CSS = """
@font-face { font-family: "Noto Sans"; src: url("NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans"; font-weight: bold; src: url("NotoSans-Bold.ttf"); }
@font-face { font-family: "Noto Sans"; font-style: italic; src: url("NotoSans-Italic.ttf"); }
@page {
  size: A4 %(orientation)s; margin: 14mm 14mm 18mm;
  @bottom-center { content: "Sinau · %(course)s · boleh diperbanyak untuk keperluan pelatihan";
                   font-family: "Noto Sans"; font-size: 8pt; color: #52606d; }
}
body { font-family: "Noto Sans"; font-size: 10pt; color: #1f2933; }
h1 { font-size: 18pt; color: #0f4c81; margin: 0 0 3mm; }
p.intro { margin: 0 0 5mm; }
table { width: 100%%; border-collapse: collapse; }
th, td { border: 0.6pt solid #9aa5b1; padding: 2mm 2.5mm; text-align: left; vertical-align: top; }
th { background: #e6f0f8; }
td { height: 9mm; }
tr.example td { color: #52606d; font-style: italic; }
ul.notes { margin-top: 5mm; padding-left: 5mm; }
"""


def render_worksheet(sheet: Worksheet) -> bytes:
    """Render `sheet` to PDF with the project's Noto Sans; only local files may be fetched."""
    from weasyprint import HTML  # imported here: it takes half a second and only this needs it
    from weasyprint.urls import URLFetcher

    header = "".join(f"<th>{escape(column)}</th>" for column in sheet.columns)
    rows = "".join(
        '<tr class="{}">{}</tr>'.format(
            "example" if index < sheet.example_rows else "", "".join(f"<td>{escape(cell)}</td>" for cell in row)
        )
        for index, row in enumerate(sheet.rows)
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in sheet.notes)
    orientation = "landscape" if sheet.landscape else "portrait"
    html = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{escape(sheet.title)}</title>'
        f"<style>{_WORKSHEET_CSS % {'course': COURSE.title, 'orientation': orientation}}</style></head><body>"
        f'<h1>{escape(sheet.title)}</h1><p class="intro">{escape(sheet.intro)}</p>'
        f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        f"{f'<ul class=notes>{notes}</ul>' if notes else ''}</body></html>"
    )
    fetcher = URLFetcher(allowed_protocols={"file"})
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf()


# --- Seeding -----------------------------------------------------------------------------


@dataclass
class SeedResult:
    """What one run of `seed()` found and made."""

    skipped: bool = False
    accounts: list[tuple[DemoAccount, bool]] = field(default_factory=list)
    course: CoursePage | None = None
    pages_created: int = 0
    images_created: int = 0
    documents_created: int = 0


@transaction.atomic
def seed(*, if_empty: bool = False) -> SeedResult:
    """Create whatever part of the demo (accounts, programme, media) is missing.

    With `if_empty`, do nothing at all once any course exists, so `make run` never adds
    the demo to a site that staff have started filling.
    """
    if if_empty and CoursePage.objects.exists():
        return SeedResult(skipped=True)
    result = SeedResult(accounts=[ensure_account(account) for account in ACCOUNTS])
    author = User.objects.filter(email=ACCOUNTS[0].email).first()
    builder = _CourseBuilder(author)
    result.course = builder.build(home_page(), COURSE)
    result.pages_created = builder.pages_created
    result.images_created = builder.images_created
    result.documents_created = builder.documents_created
    return result


def home_page() -> CourseIndexPage:
    """The course index that is the default site's home page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, CourseIndexPage):
        raise DemoSeedError("The default site's root page is not a course index; run `manage.py migrate` first.")
    return site.root_page.specific


def ensure_account(account: DemoAccount) -> tuple[DemoAccount, bool]:
    """Create `account` with a verified email and the demo password; (account, created)."""
    if User.objects.filter(email__iexact=account.email).exists():
        return account, False
    user = User(
        email=account.email,
        full_name=account.full_name,
        is_staff=account.is_superuser,
        is_superuser=account.is_superuser,
        segment=account.segment,
        nip=account.nip,
        opd=account.opd,
        business_name=account.business_name,
        district=account.district,
        privacy_consent_at=timezone.now(),
    )
    user.set_password(DEMO_PASSWORD)
    try:
        user.full_clean()
    except ValidationError as error:
        raise DemoSeedError(f"Demo account {account.email} is not valid here: {error.messages}") from error
    groups = list(Group.objects.filter(name__in=account.groups))
    if len(groups) != len(account.groups):
        raise DemoSeedError(f"Missing groups {account.groups}; run `manage.py migrate` first.")
    user.save()
    user.groups.add(*groups)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return account, True


class _CourseBuilder:
    """Adds the pages of a CourseSpec that are missing, and the media those pages use.

    Pages are matched by slug under their parent; an existing page is left as it is
    (a trainer may have edited it), so media are only looked up or made for new pages.
    """

    def __init__(self, author: User | None):
        self.author = author
        self.pages_created = self.images_created = self.documents_created = 0
        self._images: dict[str, Image] = {}
        self._documents: dict[str, Document] = {}
        self._lesson_body = LessonPage._meta.get_field("body")

    def build(self, home: CourseIndexPage, spec: CourseSpec) -> CoursePage:
        course = self._child(
            home,
            spec.slug,
            lambda: CoursePage(
                title=spec.title,
                summary=spec.summary,
                intro=spec.intro,
                learning_hours=spec.learning_hours,
                cover_image=self.image(spec.cover),
            ),
        )
        for module_spec in spec.modules:
            module = self._child(
                course, module_spec.slug, lambda m=module_spec: ModulePage(title=m.title, intro=m.intro)
            )
            for lesson_spec in module_spec.lessons:
                self._child(module, lesson_spec.slug, lambda lesson=lesson_spec: self.lesson(lesson))
        return course

    def lesson(self, spec: LessonSpec) -> LessonPage:
        body = self._lesson_body.to_python([self._resolve(block) for block in spec.body])
        # The same validation the admin applies (alt text, video URL, lengths) keeps the demo honest.
        self._lesson_body.stream_block.clean(body)
        return LessonPage(title=spec.title, body=body, estimated_minutes=spec.minutes, is_required=spec.required)

    def image(self, key: str) -> Image:
        if key not in self._images:
            poster = POSTERS[key]
            image = Image.objects.filter(title=poster.title).first()
            if image is None:
                data = ImageFile(io.BytesIO(render_poster(poster)), name=f"{slugify(poster.title)}.jpg")
                image = Image(title=poster.title, file=data, uploaded_by_user=self.author)
                image._set_image_file_metadata()
                image.save()
                self.images_created += 1
            self._images[key] = image
        return self._images[key]

    def document(self, key: str) -> Document:
        if key not in self._documents:
            sheet = WORKSHEETS[key]
            document = Document.objects.filter(title=sheet.title).first()
            if document is None:
                data = ContentFile(render_worksheet(sheet), name=sheet.filename)
                document = Document(title=sheet.title, file=data, uploaded_by_user=self.author)
                document._set_document_file_metadata()
                document.save()
                self.documents_created += 1
            self._documents[key] = document
        return self._documents[key]

    def _resolve(self, block: tuple) -> tuple:
        kind, value = block
        if kind == "image":
            return kind, {**value, "image": self.image(value["image"])}
        if kind == "document":
            return kind, {**value, "document": self.document(value["document"])}
        return block

    def _child(self, parent: Page, slug: str, make: Callable[[], Page]) -> Page:
        """The child of `parent` with `slug`, or a new one from `make()`, published with a revision."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = make()
        page.slug, page.owner, page.live = slug, self.author, False
        parent.add_child(instance=page)
        # Published through a revision, as the admin does, so Wagtail shows it as live rather than draft.
        page.save_revision(user=self.author).publish(user=self.author, skip_permission_checks=True)
        page.refresh_from_db()  # publish() saved a copy made from the revision
        self.pages_created += 1
        return page
