"""The lesson text both sites are seeded with: ~400 Indonesian words, the same for a given seed.

Pure Python (no Django), imported by the Sinau seed and the peer seed alike, so lesson n of a
course carries the very same words on both sides.
"""

import random

SUBJECTS = [
    "Peserta",
    "Pelaku UMKM",
    "Pewarta warga",
    "Tim Diskominfo",
    "Pendamping",
    "Kreator konten",
    "Pegawai OPD",
    "Pemilik usaha",
]
VERBS = [
    "merekam",
    "menyunting",
    "mengunggah",
    "merencanakan",
    "menulis",
    "memotret",
    "membagikan",
    "menjelaskan",
    "memeriksa",
    "mempromosikan",
]
OBJECTS = [
    "video pendek tentang kota",
    "naskah konten TikTok",
    "foto produk keripik tempe",
    "cerita warga di pasar",
    "tayangan YouTube berdurasi lima menit",
    "keterangan unggahan yang jelas",
    "jadwal unggah mingguan",
    "profil usaha di lokapasar",
    "liputan kegiatan kelurahan",
    "materi promosi wisata kota",
]
ADVERBIALS = [
    "dengan pencahayaan alami",
    "sebelum jam sibuk",
    "memakai ponsel Android",
    "bersama anggota kelompok",
    "di alun-alun kota",
    "tanpa musik berhak cipta",
    "sesuai panduan pelatihan",
    "agar mudah dipahami penonton",
    "dalam bahasa yang santun",
    "setelah mendapat masukan pendamping",
]
CONNECTORS = ["Selanjutnya,", "Setelah itu,", "Dengan begitu,", "Selain itu,", "Pada tahap ini,", "Kemudian,"]


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ADVERBIALS)]
    if rng.random() < 0.4:
        parts.insert(0, rng.choice(CONNECTORS))
        parts[1] = parts[1][0].lower() + parts[1][1:]
    return " ".join(parts) + "."


def paragraphs(seed: int, words: int = 400, per_paragraph: int = 80) -> list[str]:
    """Paragraphs of plain text adding up to about `words` words (never fewer)."""
    rng = random.Random(seed)
    result, current, total = [], [], 0
    while total < words:
        text = sentence(rng)
        current.append(text)
        total += len(text.split())
        if sum(len(s.split()) for s in current) >= per_paragraph:
            result.append(" ".join(current))
            current = []
    if current:
        result.append(" ".join(current))
    return result


def html(seed: int, words: int = 400) -> str:
    """The same text as rich-text HTML: one <p> per paragraph."""
    return "".join(f"<p>{p}</p>" for p in paragraphs(seed, words))


def word_count(seed: int, words: int = 400) -> int:
    return sum(len(p.split()) for p in paragraphs(seed, words))
