"""Module 1 of the demo programme: making short videos, from the idea to the upload."""

# The Indonesian content uses en dashes for ranges (U+2013 in "0-3 detik"), as typeset text should.
# ruff: noqa: RUF001

from demo.specs import LessonSpec, ModuleSpec, callout, checklist, document, heading, image, text, video

_PLANNING = LessonSpec(
    "Merencanakan Video TikTok 60 Detik",
    "merencanakan-video-60-detik",
    20,
    [
        heading("Mulai dari satu pesan"),
        text(
            "<p>Video pendek yang berhasil hampir selalu membawa <b>satu pesan</b> saja. Sebelum membuka kamera, "
            "tulis jawaban untuk tiga pertanyaan: untuk siapa video ini dibuat, apa satu hal yang harus mereka "
            "ingat, dan apa yang kita ingin mereka lakukan setelah menonton, misalnya mengunjungi sebuah tempat, "
            "membeli produk, atau mengikuti akun.</p>"
            "<p>Durasi 60 detik terasa singkat, tetapi cukup untuk sekitar 130–150 kata narasi. Artinya tidak ada "
            "ruang untuk basa-basi: salam panjang, perkenalan diri, dan logo besar di awal sebaiknya dibuang. "
            "Penonton memutuskan untuk terus menonton atau menggulir dalam dua sampai tiga detik pertama.</p>"
        ),
        heading("Struktur hook – isi – ajakan"),
        text(
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
        image(
            "hook_isi_ajakan",
            "Poster tiga bagian video pendek: hook pada detik 0 sampai 3, isi pada detik 4 sampai 50, dan ajakan "
            "pada detik 50 sampai 60.",
            "Kerangka video 60 detik.",
        ),
        video("https://www.youtube.com/watch?v=Q7mXr2LpK4s", "Contoh membuat storyboard untuk video pendek", "6:12"),
        heading("Rencana konten 7 hari"),
        text(
            "<p>Konsistensi lebih penting daripada satu video yang sempurna. Akun yang mengunggah tiga sampai lima "
            "kali seminggu dengan tema yang jelas lebih mudah dikenali penonton. Gunakan lembar kerja di bawah "
            "untuk merencanakan tujuh hari: satu ide, satu hook, dan satu ajakan untuk setiap hari. Campur jenis "
            "konten: edukasi (tips), hiburan (tren yang disesuaikan), dan cerita di balik layar.</p>"
        ),
        document("rencana_konten", "Cetak atau isi di ponsel, lalu bawa ke sesi pendampingan."),
        checklist(
            "Sebelum merekam",
            "Satu pesan utama sudah ditulis dalam satu kalimat",
            "Hook untuk tiga detik pertama sudah dipilih",
            "Storyboard memuat semua adegan",
            "Ajakan di akhir video sudah jelas",
            "Lokasi, properti, dan izin sudah disiapkan",
        ),
        callout(
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
        heading("Siapkan ponsel"),
        text(
            "<p>Ponsel kelas menengah sudah cukup untuk konten yang baik. Sebelum merekam, bersihkan lensa dengan "
            "kain lembut (sidik jari membuat gambar buram dan berkabut), pastikan memori masih tersisa beberapa "
            "gigabyte, aktifkan mode Jangan Ganggu agar rekaman tidak terputus oleh panggilan, dan pilih resolusi "
            "1080p dengan 30 fps. Resolusi 4K jarang diperlukan untuk media sosial dan cepat menghabiskan memori "
            "serta kuota saat mengunggah.</p>"
            "<p>Untuk TikTok, Reels, dan YouTube Shorts, rekam secara <b>vertikal (9:16)</b>. Untuk video YouTube "
            "biasa, rekam <b>horizontal (16:9)</b>. Tentukan sejak awal: memotong video horizontal menjadi "
            "vertikal membuang lebih dari separuh gambar.</p>"
        ),
        heading("Komposisi: aturan sepertiga"),
        text(
            "<p>Nyalakan garis bantu (<i>grid</i>) di pengaturan kamera. Layar terbagi menjadi sembilan kotak oleh "
            "dua garis mendatar dan dua garis tegak. Letakkan objek utama, misalnya wajah narasumber atau produk, "
            "di salah satu titik potong garis, bukan tepat di tengah. Gambar terasa lebih hidup dan menyisakan "
            "ruang untuk teks.</p>"
            "<p>Untuk orang yang berbicara ke kamera, posisikan mata sejajar garis sepertiga atas dan sisakan "
            "sedikit ruang di atas kepala. Jaga garis cakrawala tetap lurus. Kalau ragu, dekati objek: gambar "
            "yang diambil terlalu jauh adalah kesalahan paling umum pemula.</p>"
        ),
        image(
            "rule_of_thirds",
            "Ilustrasi layar dengan garis bantu sembilan kotak; titik kuning menandai empat titik potong tempat "
            "objek utama diletakkan, dan seorang narasumber berdiri di garis sepertiga kanan.",
            "Aturan sepertiga: objek di titik potong garis bantu.",
        ),
        heading("Cahaya dan suara"),
        text(
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
        video(
            "https://www.tiktok.com/@sinau.demo/video/7234567890123456789",
            "Tips pencahayaan murah untuk konten di rumah",
            "0:58",
        ),
        callout(
            "warning",
            "Minta izin sebelum merekam orang",
            "<p>Mintalah izin sebelum merekam wajah seseorang dengan jelas, terutama anak-anak, dan hormati orang "
            "yang menolak. Di tempat ibadah, kantor pemerintahan, dan tempat usaha, tanyakan dulu kepada "
            "pengelolanya.</p>",
        ),
        checklist(
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
        heading("Alur kerja dasar"),
        text(
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
        image(
            "capcut_timeline",
            "Ilustrasi lini waktu penyuntingan dengan layar pratinjau dan tiga jalur: klip video, teks, dan musik.",
            "Tiga jalur utama di lini waktu: video, teks, dan audio.",
        ),
        heading("Teks dan subtitle"),
        text(
            "<p>Banyak orang menonton video tanpa suara, misalnya di kendaraan umum atau di kantor. Gunakan fitur "
            "<b>teks otomatis</b> (<i>auto captions</i>) untuk membuat subtitle, lalu periksa ejaannya satu per satu "
            "karena pengenalan suara sering keliru, terutama untuk nama tempat dan bahasa daerah. Subtitle juga "
            "membantu penonton dengan gangguan pendengaran.</p>"
            "<p>Letakkan teks di area aman: jangan terlalu bawah karena tertutup caption dan nama akun, dan jangan "
            "terlalu kanan karena tertutup tombol suka dan bagikan. Pakai huruf tebal, besar, dan kontras, dengan "
            "paling banyak enam sampai delapan kata per layar.</p>"
        ),
        heading("Musik dan hak cipta"),
        text(
            "<p>Gunakan musik dari pustaka audio CapCut atau TikTok yang berlisensi untuk dipakai di platform "
            "tersebut. Lagu populer yang diunduh dari tempat lain bisa membuat video dibisukan atau diturunkan, "
            "terutama di YouTube. Atur volume musik jauh di bawah suara narasi agar kata-kata tetap jelas.</p>"
        ),
        video("https://www.youtube.com/watch?v=Vb3nT8qWz1E", "Tutorial CapCut untuk pemula", "12:40"),
        callout(
            "tip",
            "Hemat kuota saat mengunggah",
            "<p>Ekspor 1080p sudah cukup untuk semua platform. Unggah lewat Wi-Fi kantor atau rumah, dan simpan "
            "proyek CapCut sampai video selesai ditinjau pendamping agar revisi tidak perlu dimulai dari awal.</p>",
        ),
        checklist(
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
        heading("Tiga detik pertama"),
        text(
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
        image(
            "hook_3_detik",
            "Poster bertuliskan Hook 3 Detik Pertama dengan ilustrasi layar ponsel vertikal dan tombol putar.",
        ),
        heading("Menulis caption"),
        text(
            "<p>Caption melengkapi video, bukan mengulang isinya. Kalimat pertama paling penting karena hanya itu "
            "yang terlihat sebelum penonton mengetuk “selengkapnya”. Tambahkan informasi yang berguna (alamat, jam "
            "buka, harga, cara pesan) dan satu ajakan.</p>"
            "<p>Gunakan tiga sampai lima tagar yang relevan: campuran tagar lokal (#malang, #kulinermalang), tagar "
            "topik (#tipsvideo), dan tagar kampanye bila ada. Tagar yang tidak berhubungan dengan isi video tidak "
            "membantu dan bisa terlihat seperti spam.</p>"
        ),
        video("https://www.instagram.com/reel/C7kQm2xLp9A/", "Contoh hook: mulai dari hasil akhir", "0:35"),
        heading("Belajar dari data"),
        text(
            "<p>Setelah 24–48 jam, buka analitik video di TikTok Studio atau YouTube Studio. Perhatikan "
            "<b>retensi penonton</b>: di detik ke berapa orang pergi. Jika banyak yang pergi di tiga detik pertama, "
            "perbaiki hook; jika penonton turun di tengah, isinya terlalu panjang. Bandingkan beberapa video, "
            "jangan menilai dari satu video saja.</p>"
        ),
        checklist(
            "Caption siap unggah",
            "Kalimat pertama menarik dan jelas",
            "Ada informasi penting: lokasi, harga, atau cara pesan",
            "Hanya satu ajakan",
            "Tiga sampai lima tagar yang relevan",
            "Akun kolaborator sudah ditandai",
        ),
    ],
)


MODULE = ModuleSpec(
    "Membuat Konten Kreatif",
    "membuat-konten-kreatif",
    "<p>Dari ide sampai unggah: merencanakan, merekam, menyunting, dan menulis caption untuk video pendek "
    "TikTok, YouTube Shorts, dan Reels.</p>",
    [_PLANNING, _FILMING, _EDITING, _HOOKS],
)
