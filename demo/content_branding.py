"""Module 2 of the demo programme: telling Malang's story honestly and ethically."""

# The Indonesian content uses en dashes for ranges (U+2013 in "0-3 detik"), as typeset text should.
# ruff: noqa: RUF001

from demo.specs import LessonSpec, ModuleSpec, callout, checklist, document, heading, image, text, video

_CITY_IDENTITY = LessonSpec(
    "Mengenal Identitas Kota Malang",
    "identitas-kota-malang",
    20,
    [
        heading("Apa itu branding kota?"),
        text(
            "<p>Branding kota bukan sekadar logo atau slogan. Branding adalah kesan yang muncul di benak orang "
            "ketika mendengar nama sebuah kota: apa yang mereka bayangkan, rasakan, dan ceritakan kepada orang "
            "lain. Kesan itu dibangun dari ribuan cerita kecil, dan konten media sosial warga adalah salah satu "
            "sumber cerita terbesar.</p>"
            "<p>Tugas kita bukan membuat kota tampak sempurna, melainkan menunjukkan hal-hal yang benar-benar khas "
            "dan membanggakan, dengan cara yang jujur dan konsisten.</p>"
        ),
        heading("Wajah-wajah Kota Malang"),
        text(
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
        image(
            "branding_malang",
            "Poster bertuliskan Branding Kota Malang dengan siluet Tugu Malang di atas kolam dan deretan rumah "
            "warna-warni seperti Kampung Jodipan.",
            "Ikon kota menjadi bahan cerita, bukan sekadar latar foto.",
        ),
        heading("Dari identitas ke pesan"),
        text(
            "<p>Pilih satu atau dua wajah kota yang paling dekat dengan Anda, lalu turunkan menjadi pesan yang bisa "
            "diceritakan. Misalnya, “Malang kota pendidikan” menjadi seri video tentang tempat belajar gratis "
            "untuk mahasiswa; “kota wisata” menjadi rute jalan kaki setengah hari di Kayutangan. Pesan yang "
            "spesifik lebih mudah diingat daripada slogan umum seperti “Malang indah”.</p>"
            "<p>Manfaatkan juga bahasa dan gaya lokal. Boso walikan khas Malang, seperti “Ngalam” untuk Malang "
            "dan “kera Ngalam” untuk arek Malang, memberi rasa akrab bagi warga dan rasa penasaran bagi pendatang. "
            "Pakai secukupnya dan beri subtitle agar tetap dipahami semua orang.</p>"
        ),
        video("https://youtu.be/Hk5rP0sNq3Y", "Jelajah Kota Malang dalam 3 menit", "3:05"),
        callout(
            "info",
            "Gunakan identitas visual resmi dengan benar",
            "<p>Jika konten dibuat untuk pemerintah kota, gunakan logo dan warna sesuai panduan dari Diskominfo. "
            "Jangan mengubah bentuk atau warna logo, dan jangan memasang logo pemerintah pada konten pribadi atau "
            "iklan usaha.</p>",
        ),
        checklist(
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
        heading("Cerita dimulai dari orang"),
        text(
            "<p>Tempat menjadi menarik ketika ada manusia di dalamnya. Daripada menampilkan bangunan kosong, "
            "ceritakan penjual bakso yang sudah tiga puluh tahun berjualan di gang yang sama, perajin topeng "
            "Malangan yang mewariskan keahliannya kepada anak muda, atau pemandu kampung Jodipan yang dulu ikut "
            "mengecat rumah-rumah warga.</p>"
            "<p>Gunakan struktur cerita sederhana: <b>tokoh</b> (siapa), <b>keunikan atau tantangan</b> (apa yang "
            "membuatnya berbeda), dan <b>momen</b> (satu adegan yang paling menyentuh atau mengejutkan). Biarkan "
            "tokoh berbicara sendiri; narasi Anda cukup menjembatani.</p>"
        ),
        image(
            "cerita_warga",
            "Poster merah bertuliskan Cerita Warga, Wajah Kota dengan tiga lingkaran dekoratif.",
        ),
        heading("Format seri dan konsistensi"),
        text(
            "<p>Akun yang membangun citra kota biasanya memakai <b>format seri</b>: judul tetap, durasi mirip, dan "
            "jadwal rutin, misalnya “Sarapan Ngalam” setiap Senin atau “Sudut Kayutangan” setiap Kamis. Penonton "
            "tahu apa yang akan mereka dapat, dan pembuat konten tidak perlu memulai dari nol setiap minggu.</p>"
            "<p>Jaga konsistensi visual: dua atau tiga warna utama, satu jenis huruf untuk teks di layar, dan "
            "pembuka yang sama pada dua detik pertama. Pakai tagar kampanye yang sama di setiap unggahan dan ajak "
            "warga memakainya juga, agar cerita mereka mudah dikumpulkan dan dibagikan ulang dengan izin.</p>"
        ),
        video(
            "https://www.tiktok.com/@sinau.demo/video/7301234567890123456",
            "Seri Sudut Kayutangan, episode 1",
            "0:52",
        ),
        document("peta_cerita", "Petakan tempat, tokoh, dan izin yang dibutuhkan sebelum turun ke lapangan."),
        callout(
            "tip",
            "Berkolaborasi",
            "<p>Ajak kreator lokal, komunitas, dan pelaku usaha untuk berkolaborasi. Fitur kolaborasi di Instagram "
            "serta <i>Duet</i> dan <i>Stitch</i> di TikTok memperluas jangkauan tanpa biaya iklan.</p>",
        ),
        checklist(
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
        heading("Konten kota membawa nama banyak orang"),
        text(
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
        callout(
            "warning",
            "Hati-hati dengan hoaks",
            "<p>Menyebarkan informasi bohong yang merugikan orang lain dapat berujung pada sanksi hukum, termasuk "
            "berdasarkan UU ITE. Bila ragu, jangan unggah; tanyakan dulu kepada sumber resmi.</p>",
        ),
        heading("Konten untuk semua orang"),
        text(
            "<p>Buat konten yang bisa dinikmati semua orang: beri subtitle, gunakan kontras warna yang cukup, dan "
            "tulis deskripsi gambar (<i>alt text</i>) saat mengunggah foto. Kota yang ramah untuk semua dimulai "
            "dari konten yang ramah untuk semua.</p>"
        ),
        checklist(
            "Sebelum mengunggah konten kota",
            "Semua orang yang tampil jelas sudah memberi izin",
            "Fakta, nama, dan angka sudah dicek ulang",
            "Musik dan gambar boleh dipakai",
            "Data pribadi sudah disamarkan",
            "Video memiliki subtitle",
        ),
    ],
)


MODULE = ModuleSpec(
    "Branding Kota Malang",
    "branding-kota-malang",
    "<p>Mengenal identitas Kota Malang dan menceritakannya lewat video yang jujur, hangat, dan konsisten.</p>",
    [_CITY_IDENTITY, _CITY_STORIES, _ETHICS],
)
