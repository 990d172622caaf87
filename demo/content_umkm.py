"""Module 3 of the demo programme: product photos, pricing and selling online."""

from demo.specs import LessonSpec, ModuleSpec, callout, checklist, document, heading, image, text, video

_PRODUCT_PHOTOS = LessonSpec(
    "Foto Produk dengan Ponsel",
    "foto-produk-dengan-ponsel",
    25,
    [
        heading("Foto adalah etalase toko online"),
        text(
            "<p>Di toko online, pembeli tidak bisa memegang, mencium, atau mencicipi produk. Foto menggantikan "
            "semua itu, sehingga foto yang jelas dan jujur adalah investasi paling murah untuk menaikkan penjualan. "
            "Tidak perlu kamera mahal: ponsel, cahaya jendela, dan selembar karton putih sudah cukup.</p>"
        ),
        heading("Studio mini di rumah"),
        text(
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
        image(
            "foto_produk",
            "Ilustrasi kemasan produk di atas meja dekat jendela, dengan karton putih sebagai pemantul cahaya.",
            "Studio mini: jendela, latar polos, dan pemantul putih.",
        ),
        video("https://www.youtube.com/watch?v=Lm4Tz8Ra2Wc", "Foto produk UMKM pakai HP dan cahaya jendela", "8:20"),
        heading("Jujur itu menjual"),
        text(
            "<p>Sunting secukupnya: luruskan, potong, dan atur kecerahan. Jangan mengubah warna atau ukuran produk "
            "sehingga berbeda dari aslinya; selisih antara foto dan barang adalah alasan utama ulasan buruk dan "
            "pengembalian barang. Pastikan label, komposisi, tanggal kedaluwarsa, dan nomor izin pada kemasan "
            "terbaca di salah satu foto.</p>"
        ),
        checklist(
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
        heading("Copywriting: manfaat sebelum fitur"),
        text(
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
        heading("Menghitung harga jual"),
        text(
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
        image(
            "harga_jual",
            "Grafik batang bertumpuk yang menunjukkan susunan harga jual: bahan, kemasan, tenaga kerja, biaya "
            "platform, dan keuntungan.",
            "Harga jual tersusun dari HPP, keuntungan, dan biaya platform.",
        ),
        video("https://www.youtube.com/watch?v=Jd6Ys1Ku0Pe", "Cara menghitung HPP dan harga jual untuk UMKM", "9:45"),
        document("harga_jual", "Tabel HPP dan harga jual yang bisa diisi, lengkap dengan contoh perhitungan."),
        callout(
            "tip",
            "Harga psikologis dan paket",
            "<p>Harga Rp12.900 terasa lebih murah daripada Rp13.000 walau selisihnya kecil. Tawarkan juga paket "
            "seperti “beli 3 lebih hemat” untuk menaikkan nilai belanja setiap pembeli.</p>",
        ),
        checklist(
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
        heading("Legalitas dulu"),
        text(
            "<p>Sebelum membuka toko, lengkapi legalitas dasar. <b>Nomor Induk Berusaha (NIB)</b> bisa dibuat "
            'gratis secara daring melalui sistem OSS di <a href="https://oss.go.id">oss.go.id</a>. Untuk pangan '
            "olahan rumahan, urus <b>SPP-IRT</b> (sering disebut PIRT); untuk produk halal, ajukan <b>sertifikat "
            "halal</b> ke BPJPH, termasuk lewat jalur <i>self declare</i> bagi usaha mikro dan kecil yang memenuhi "
            "syarat. Produk tertentu, seperti kosmetik, memerlukan izin edar BPOM. Dinas yang membina UMKM di kota "
            "Anda dapat membantu pendampingan.</p>"
        ),
        heading("Shopee dan Tokopedia"),
        text(
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
        heading("WhatsApp Business"),
        text(
            "<p>Banyak pelanggan UMKM lebih nyaman memesan lewat WhatsApp. Gunakan aplikasi <b>WhatsApp "
            "Business</b> yang gratis, bukan WhatsApp biasa, agar bisa memakai fitur usaha:</p>"
            "<ul><li><b>Profil bisnis:</b> alamat, jam buka, email, dan tautan ke toko marketplace.</li>"
            "<li><b>Katalog:</b> foto, harga, dan deskripsi produk yang bisa dikirim langsung di chat.</li>"
            "<li><b>Pesan salam</b> dan <b>pesan di luar jam kerja</b> yang terkirim otomatis.</li>"
            "<li><b>Balasan cepat</b> untuk pertanyaan yang sering muncul, misalnya ongkos kirim dan cara "
            "bayar.</li>"
            "<li><b>Label</b> untuk menandai chat: pesanan baru, menunggu pembayaran, sudah dikirim.</li></ul>"
        ),
        image(
            "whatsapp_business",
            "Ilustrasi percakapan WhatsApp Business antara penjual dan pembeli dengan gelembung chat.",
        ),
        video(
            "https://www.tiktok.com/@sinau.demo/video/7356789012345678901",
            "Atur katalog WhatsApp Business dalam 1 menit",
            "1:02",
        ),
        callout(
            "warning",
            "Waspadai penipuan",
            "<p>Jangan pernah memberikan kode OTP kepada siapa pun, termasuk yang mengaku dari marketplace atau bank. "
            "Cek mutasi rekening sebelum mengirim barang: bukti transfer berupa foto bisa dipalsukan.</p>",
        ),
        checklist(
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
        heading("Siaran langsung yang menjual"),
        text(
            "<p>Fitur siaran langsung di TikTok dan Shopee Live memungkinkan penjual menunjukkan produk secara nyata "
            "dan menjawab pertanyaan saat itu juga. Siapkan skrip singkat: sapa penonton baru setiap beberapa "
            "menit, tunjukkan produk dari dekat, sebutkan harga dan promo berulang kali, dan arahkan penonton ke "
            "keranjang atau tautan produk.</p>"
            "<p>Jadwalkan siaran pada jam yang sama, misalnya setiap Jumat pukul 19.00, dan umumkan sehari "
            "sebelumnya. Jadwal yang konsisten membuat penonton datang kembali.</p>"
        ),
        video("https://www.youtube.com/shorts/Wq8Ne3Rt5Yb", "Contoh pembukaan live jualan", "0:45"),
        heading("Melayani pembeli"),
        text(
            "<p>Pelanggan yang puas akan kembali dan bercerita kepada orang lain. Balas pertanyaan dengan ramah, "
            "beri kabar ketika pesanan dikirim, dan sertakan kartu ucapan kecil di dalam paket. Tanggapi ulasan "
            "buruk dengan tenang dan tawarkan solusi, karena calon pembeli juga membaca cara Anda menanggapi "
            "keluhan.</p>"
        ),
        checklist(
            "Persiapan live",
            "Koneksi internet stabil dan baterai ponsel penuh",
            "Produk dan daftar harga tertata di meja",
            "Promo khusus untuk penonton live",
            "Teman yang membantu membalas komentar",
        ),
    ],
    required=False,
)


MODULE = ModuleSpec(
    "Jualan Online Produk UMKM",
    "jualan-online-produk-umkm",
    "<p>Memotret produk, menulis deskripsi dan menentukan harga, lalu berjualan di marketplace dan "
    "WhatsApp Business.</p>",
    [_PRODUCT_PHOTOS, _PRICING, _SELLING, _LIVE_SELLING],
)
