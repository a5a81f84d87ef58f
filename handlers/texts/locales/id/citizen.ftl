## The citizen's private chat (handlers/citizen). Tone: warm, polite, never blaming; always say
## what happens next. Same keys in every language (tests/unit/handlers/test_catalogue.py).

## Start, menu, help

citizen-start =
    Halo { $name }! 🙏 Ini layanan pengaduan resmi { $city }: sampaikan masalah layanan publik (jalan rusak, lampu mati, sampah, air, dan lainnya) langsung dari sini.
    Tim pengaduan memverifikasi dalam 1 hari kerja, lalu dinas terkait menanggapi dalam 2×24 jam. Tekan <b>📝 Pengaduan baru</b> untuk mulai.
menu-new = 📝 Pengaduan baru
menu-my = 📋 Pengaduan saya
menu-help = ❓ Bantuan
menu-lang = 🌐 Bahasa
menu-placeholder = Pilih menu atau ketik pesan
start-link-invalid = Maaf, tautan itu tidak dikenali atau sudah tidak berlaku. Silakan gunakan menu di bawah — kami siap membantu.
invite-not-found = Maaf, undangan itu tidak ditemukan atau sudah tidak berlaku. Mintalah tautan baru kepada admin yang mengundang Anda.
citizen-help =
    <b>Cara menggunakan layanan pengaduan { $city }</b>
    📝 <b>Pengaduan baru</b> (/new): pilih kategori, ceritakan masalahnya, lampirkan foto dan lokasi bila ada, lalu kirim. Anda akan menerima kode pengaduan.
    📋 <b>Pengaduan saya</b> (/my): lihat status dan riwayat setiap pengaduan.
    🔎 /status KODE: cek satu pengaduan, misalnya /status ADU-7K3Q9X.
    💬 Ingin menambah keterangan? Balas (reply) pesan kami tentang pengaduan itu, atau tekan <b>Tambah keterangan</b>.
    ✖️ /cancel membatalkan langkah yang sedang berjalan. 🌐 /lang mengganti bahasa. 🔒 /privacy menjelaskan data yang kami simpan.
    Kami memverifikasi dalam 1 hari kerja dan dinas terkait menanggapi dalam 2×24 jam.
citizen-privacy =
    🔒 <b>Data yang kami simpan</b>
    • Nama dan username Telegram Anda, bahasa pilihan Anda, dan nomor HP hanya bila Anda membagikannya.
    • Isi pengaduan: kategori, keterangan, foto, lokasi, dan riwayat penanganannya.
    <b>Siapa yang melihat</b>
    • Tim pengaduan kota dan petugas dinas yang menangani pengaduan Anda.
    • Dinas hanya melihat nama Anda bila Anda mengizinkannya; jika tidak, mereka melihat "Pelapor #nomor".
    • Pengaduan yang Anda izinkan tampil publik dapat muncul dalam laporan kota tanpa nama Anda.
    Data hanya dipakai untuk menangani pengaduan dan menyusun laporan pelayanan. Pertanyaan? Balas pesan ini atau hubungi tim pengaduan.
citizen-banned = Maaf, layanan ini tidak dapat menerima pesan dari akun Anda. Untuk informasi lebih lanjut silakan hubungi kantor layanan pengaduan kota.
citizen-slow-down = Mohon maaf, pesan Anda masuk terlalu cepat. Tunggu sebentar lalu kirim lagi ya 🙏
citizen-too-many-complaints = Anda sudah mengirim beberapa pengaduan dalam satu jam terakhir. Terima kasih atas kepedulian Anda! Mohon tunggu sebentar sebelum membuat pengaduan baru — pengaduan yang sudah masuk tetap kami proses.
idle-hint = Ada yang bisa kami bantu? Tekan <b>📝 Pengaduan baru</b> untuk melapor, atau <b>📋 Pengaduan saya</b> untuk melihat perkembangan pengaduan Anda.
idle-photo = Terima kasih! Untuk melaporkan masalah beserta foto, tekan <b>📝 Pengaduan baru</b> dulu — fotonya bisa Anda kirim di langkah foto.
idle-unsupported = Maaf, { $what } belum bisa kami proses. Silakan tulis pesan dalam bentuk teks, atau tekan <b>📝 Pengaduan baru</b> untuk melapor.
language-choose = Pilih bahasa / Choose your language:
language-name =
    { $code ->
        [id] 🇮🇩 Bahasa Indonesia
        [en] 🇬🇧 English
       *[other] { $code }
    }
language-changed = ✅ Baik, mulai sekarang kami menggunakan Bahasa Indonesia.
cancel-nothing = Tidak ada yang sedang berjalan untuk dibatalkan. Silakan pilih menu di bawah.

## Intake: questions

intake-step = <b>Langkah { $n } dari { $total } — { $title }</b>
intake-draft-lost = Maaf, pengaduan Anda yang belum selesai tidak bisa kami lanjutkan setelah layanan diperbarui. Silakan mulai lagi dengan /new — hanya sebentar 🙏
step-title-category = Kategori
step-title-description = Keterangan
step-title-photos = Foto
step-title-privacy = Privasi
step-title-location = Lokasi
step-title-contact = Kontak (opsional)
intake-ask-category =
    Masalahnya termasuk kategori apa? Pilih salah satu di bawah (atau ketik namanya).
intake-ask-description =
    Kategori: <b>{ $category }</b>
    Ceritakan masalahnya: apa yang terjadi, di mana tepatnya, dan sejak kapan. Tulis 15–2.000 karakter.
intake-ask-photos =
    Kirim foto masalahnya (maksimal { $max }), satu per satu atau sekaligus. Foto sangat membantu petugas. { $count ->
        [0] Tidak punya foto? Tekan Lewati.
       *[other] Sudah ada { $count } foto; tekan Selesai bila cukup.
    }
intake-ask-location =
    Di mana lokasinya? Tekan <b>📍 Kirim lokasi saya</b>, kirim titik lokasi dari menu lampiran 📎, atau ketik alamat/patokan (misalnya "depan SD Negeri 5, Jl. Slamet Riyadi"). Untuk pengaduan tanpa lokasi (misalnya bantuan sosial), tekan Lewati.
intake-ask-privacy =
    👤 Kirim nama Anda ke dinas? Saat ini: <b>{ $share_name ->
        [yes] Ya, nama dikirim
       *[no] Tidak — dinas melihat "{ $reporter }"
    }</b>
    🌐 Tampilkan pengaduan ini di laporan publik (tanpa nama)? Saat ini: <b>{ $public ->
        [yes] Ya
       *[no] Tidak
    }</b>
    Tekan tombol untuk mengubah, lalu tekan Lanjut.
intake-ask-contact =
    Boleh petugas menghubungi Anda lewat telepon bila perlu? Tekan <b>📱 Bagikan nomor saya</b> atau ketik nomor HP. Jika tidak, tekan Lewati.
intake-review =
    📝 <b>Periksa pengaduan Anda</b>
    <b>Kategori:</b> { $category }
    <b>Keterangan:</b> { $description }
    <b>Foto:</b> { $photos }
    <b>Lokasi:</b> { $location }
    <b>Nama ke dinas:</b> { $share_name ->
        [yes] dikirim
       *[no] disembunyikan ("{ $reporter }")
    }
    <b>Tampil publik:</b> { $public ->
        [yes] ya
       *[no] tidak
    }
    <b>Nomor HP:</b> { $phone }
    Sudah benar? Tekan <b>Kirim pengaduan</b>, atau <b>Ubah</b> untuk memperbaiki.
reporter-label = Pelapor #{ $number }
review-location-point = titik di peta (di atas) { $address }
review-location-address = { $address }
review-location-none = tidak dicantumkan

## Intake: answers and refusals

intake-in-progress = Anda masih punya pengaduan yang belum selesai — mari kita lanjutkan. (Ketik /cancel untuk membuangnya.)
intake-resume = Baik. Mari lanjutkan pengaduan Anda:
intake-description-kept = ✍️ Keterangan Anda sudah kami catat.
intake-description-short = Keterangannya baru { $count } karakter. Mohon tulis minimal { $min } karakter agar petugas tahu apa masalahnya, di mana, dan sejak kapan.
intake-description-long = Keterangannya { $count } karakter, sedangkan batasnya { $max }. Mohon dipersingkat; foto dan lokasi bisa dikirim di langkah berikutnya.
intake-unsupported-description = Kami menerima { $what }, tetapi keterangan perlu diketik agar bisa dibaca petugas. Mohon tuliskan masalahnya dalam bentuk teks 🙏
intake-unsupported = Maaf, { $what } belum bisa kami proses di sini. { $hint }
intake-not-now = Itu belum bisa kami pakai di langkah ini. { $hint }
intake-photos-hint = Silakan kirim foto (maksimal { $max }), atau tekan tombol di bawah untuk lanjut.
intake-photo-received = 📷 Foto ke-{ $count } diterima (maksimal { $max }). Kirim lagi, atau tekan Selesai.
intake-album-received = 📷 Foto-foto Anda diterima (maksimal { $max } foto). Kirim lagi, atau tekan Selesai.
intake-photo-limit = Maaf, maksimal { $max } foto per pengaduan; foto selebihnya tidak kami simpan. Tekan Selesai untuk lanjut.
intake-photo-early = 📷 Fotonya kami simpan untuk pengaduan ini. { $hint }
intake-document-refused = Maaf, berkas "{ $name }" bukan gambar. Kami hanya dapat menerima foto atau berkas gambar (JPG, PNG).
intake-photos-saved = ✅ { $count } foto tersimpan.
intake-photos-skipped = Baik, tanpa foto.
intake-location-outside = 📍 Titik itu tampaknya berada di luar wilayah { $city }, jadi belum bisa kami terima. Kirim titik di dalam kota, atau ketik alamat/patokannya saja.
intake-location-saved = 📍 Lokasi tersimpan.
intake-address-saved = 📍 Alamat tersimpan.
intake-location-skipped = Baik, tanpa lokasi.
intake-address-short = Alamatnya terlalu singkat. Mohon ketik minimal { $min } karakter (misalnya nama jalan dan patokan), atau tekan Lewati.
intake-address-long = Alamatnya { $count } karakter; batasnya { $max }. Mohon dipersingkat.
intake-contact-saved = 📱 Nomor tersimpan. Terima kasih!
intake-contact-skipped = Baik, tanpa nomor telepon.
intake-contact-not-own = Mohon bagikan nomor Anda sendiri dengan tombol <b>📱 Bagikan nomor saya</b>, ketik nomor HP, atau tekan Lewati.
intake-category-gone = Maaf, kategori itu sudah tidak tersedia. Silakan pilih kategori lain.
intake-cancel-confirm = Buang pengaduan yang sedang Anda tulis? Semua isinya akan dihapus.
intake-discarded = 🗑 Pengaduan yang belum dikirim sudah dibuang. Anda bisa membuat yang baru kapan saja.
detour-cancelled = Baik, dibatalkan.
hint-category = Silakan pilih kategori dari tombol di atas.
hint-description = Silakan ketik keterangan masalahnya (15–2.000 karakter).
hint-photos = Silakan kirim foto, atau tekan Selesai/Lewati.
hint-location = Silakan kirim lokasi, ketik alamat, atau tekan Lewati.
hint-privacy = Silakan atur privasi dengan tombol di bawah, lalu tekan Lanjut.
hint-contact = Silakan bagikan nomor Anda, ketik nomor HP (misalnya 0812 3456 7890), atau tekan Lewati.
hint-review = Silakan gunakan tombol: Kirim pengaduan, Ubah, atau Batal.
unsupported-what =
    { $kind ->
        [sticker] stiker
        [voice] pesan suara
        [animation] GIF
        [video_note] video bulat
        [video] video
        [audio] audio
        [poll] polling
       *[other] jenis pesan ini
    }
words-skip = lewati, skip, tidak, tidak ada, tidak usah, nanti
words-done = selesai, sudah, cukup, done, lanjut

## Intake: buttons

btn-skip = ⏭ Lewati
btn-done = ✅ Selesai
btn-continue = ➡️ Lanjut
btn-page-back = ◀️ Sebelumnya
btn-page-next = Berikutnya ▶️
btn-send-location = 📍 Kirim lokasi saya
btn-send-contact = 📱 Bagikan nomor saya
placeholder-address = atau ketik alamat / patokan
btn-name-hidden = 👤 Nama: disembunyikan — ubah
btn-name-shared = 👤 Nama: dikirim — ubah
btn-public-yes = 🌐 Publik: ya — ubah
btn-public-no = 🌐 Publik: tidak — ubah
btn-submit = ✅ Kirim pengaduan
btn-edit = ✏️ Ubah
btn-cancel = ✖️ Batal
btn-back = ◀️ Kembali
btn-edit-category = Kategori
btn-edit-description = Keterangan
btn-edit-photos = Foto
btn-edit-location = Lokasi
btn-edit-privacy = Privasi
btn-edit-contact = Kontak
btn-discard = 🗑 Ya, buang
btn-keep = ↩️ Tidak, lanjutkan

## Button answers (pop-ups: at most 200 characters)

alert-forged = Maaf, tombol ini tidak valid.
alert-stale = Tombol ini sudah tidak berlaku. Silakan gunakan pesan terbaru.
alert-submitted = ✅ Pengaduan terkirim!
alert-cannot-cancel = Pengaduan ini sudah diteruskan ke dinas, jadi tidak bisa dibatalkan lagi. Anda tetap bisa menambah keterangan.
alert-kept = Baik, pengaduan tetap berjalan.
alert-feedback-stale = Pertanyaan ini sudah tidak berlaku: status pengaduan sudah berubah.
alert-rating-stale = Penilaian untuk pengaduan ini sudah tidak bisa diberikan (mungkin sudah dinilai). Terima kasih!

## Drafts left alone

step-name-category = memilih kategori
step-name-description = menulis keterangan
step-name-photos = mengirim foto
step-name-location = menentukan lokasi
step-name-privacy = mengatur privasi
step-name-contact = mengisi kontak
step-name-review = memeriksa sebelum dikirim
draft-reminder = 👋 Pengaduan Anda belum terkirim (terakhir: { $step }). Lanjutkan saja dengan membalas di sini, atau ketik /cancel untuk membuangnya. Draf disimpan 7 hari.
draft-discarded = Pengaduan yang belum selesai sudah kami hapus karena tidak dilanjutkan selama 7 hari. Anda bisa membuat pengaduan baru kapan saja 🙏

## My complaints and status

status-usage = Ketik kode pengaduan setelah perintahnya, misalnya <b>/status ADU-7K3Q9X</b>. Atau tekan <b>📋 Pengaduan saya</b>.
status-bad-code = Itu bukan kode pengaduan. Kode pengaduan berbentuk seperti <b>ADU-7K3Q9X</b>.
ticket-not-found = Maaf, pengaduan dengan kode itu tidak ditemukan di antara pengaduan Anda.
my-tickets-empty = Anda belum memiliki pengaduan. Tekan <b>📝 Pengaduan baru</b> untuk melapor.
my-tickets-head = 📋 <b>Pengaduan Anda</b> ({ $total }) — halaman { $page }/{ $pages }
my-tickets-line = { $emoji } <b>{ $code }</b> · { $category } · { $status } · { $date }
status-emoji =
    { $status ->
        [submitted] 🕐
        [on_hold] ❓
        [dispatched] 📨
        [in_progress] 👷
        [need_info] ❓
        [resolved] 🔧
        [closed] ✅
        [rejected] ⛔
       *[cancelled] ✖️
    }
status-name =
    { $status ->
        [submitted] menunggu verifikasi
        [on_hold] menunggu keterangan Anda
        [dispatched] diteruskan ke dinas
        [in_progress] sedang ditangani
        [need_info] dinas butuh keterangan Anda
        [resolved] selesai ditangani, menunggu konfirmasi Anda
        [closed] ditutup
        [rejected] tidak dapat diproses
       *[cancelled] dibatalkan
    }
ticket-view =
    { $emoji } <b>{ $code }</b> · { $category }
    <b>Status:</b> { $status }{ $deadline }
    <i>{ $description }</i>

    <b>Riwayat:</b>
ticket-deadline =
    { $status ->
        [resolved] {"\u000A"}⏱ Konfirmasi paling lambat { $deadline }
       *[other] {"\u000A"}⏱ Target verifikasi: { $deadline }
    }
timeline-line = • { $when } — { $what }
timeline-event =
    { $action ->
        [submit] pengaduan diterima
        [submit_auto] pengaduan diterima dan langsung diteruskan ke { $agency }
        [verify] diverifikasi dan diteruskan ke { $agency }
        [dispatch] diteruskan ke { $agency }
        [transfer] dialihkan ke { $agency }
        [hold] tim pengaduan bertanya: { $text }
        [citizen_add_info] Anda menambahkan keterangan{ $photos ->
            [0] {""}
           *[other] {" "}(+{ $photos } foto)
        }: { $text }
        [claim] ditangani petugas { $agency }
        [reply] balasan { $agency }: { $text }{ $photos ->
            [0] {""}
           *[other] {" "}(+{ $photos } foto)
        }
        [request_info] { $agency } bertanya: { $text }
        [resolve] { $agency } menyelesaikan: { $text }
        [album_photos] { $agency } mengirim { $photos } foto lagi
        [confirm] Anda mengonfirmasi masalahnya beres
        [rate] Anda memberi nilai { $rating }/5
        [reopen] dibuka kembali: { $text }
        [hand_back] dikembalikan ke tim pengaduan untuk dialihkan
        [reject] tidak dapat diproses ({ $reason ->
            [spam] bukan pengaduan layanan publik
            [duplicate] sama dengan pengaduan lain
            [not_public_service] di luar kewenangan kota
           *[other] informasi belum lengkap
        })
        [cancel] dibatalkan atas permintaan Anda
        [withdraw] dibatalkan karena data Anda dihapus atas permintaan Anda
        [auto_close] ditutup otomatis setelah batas konfirmasi
       *[other] diperbarui
    }
btn-add-info = 📎 Tambah keterangan
btn-cancel-ticket = ✖️ Batalkan pengaduan
btn-cancel-yes = Ya, batalkan pengaduan
btn-keep-ticket = Tidak, biarkan berjalan
ticket-cancel-confirm = Batalkan pengaduan <b>{ $code }</b>? Pengaduan yang dibatalkan tidak akan diproses.

## Adding information, confirming, rating, reopening

addinfo-ask = 📎 Silakan kirim keterangan tambahan untuk <b>{ $code }</b>: ketik teks dan/atau kirim foto. Tekan Selesai bila sudah.
addinfo-hint = Silakan ketik keterangan atau kirim foto untuk ditambahkan, lalu tekan Selesai.
addinfo-received = 📎 Keterangan untuk <b>{ $code }</b> sudah kami teruskan ke petugas. Terima kasih!
addinfo-finished = Terima kasih, keterangan untuk <b>{ $code }</b> sudah lengkap kami teruskan.
addinfo-too-long = Pesannya { $count } karakter; batasnya { $max }. Mohon dibagi menjadi beberapa pesan.
addinfo-resolved = Pengaduan <b>{ $code }</b> sudah dinyatakan selesai oleh dinas. Apakah masalahnya sudah beres? Jika belum, tekan <b>Belum</b> dan ceritakan apa yang masih bermasalah.
addinfo-closed = Pengaduan <b>{ $code }</b> sudah ditutup, jadi keterangan tidak bisa ditambahkan lagi. Jika masalahnya muncul lagi, silakan buat pengaduan baru — kami siap membantu.
reopen-ask = Mohon maaf masalahnya belum beres 🙏 Ceritakan apa yang masih bermasalah pada <b>{ $code }</b>, dan kami kembalikan ke petugas beserta penjelasan Anda.
reopen-hint = Mohon ketik apa yang masih bermasalah pada <b>{ $code }</b> (dalam bentuk teks), atau /cancel.
reopen-too-late = Maaf, pengaduan <b>{ $code }</b> sudah ditutup sehingga tidak bisa dibuka kembali. Silakan buat pengaduan baru — kami siap membantu.
rating-comment-ask = Terima kasih atas nilai { $rating } ⭐! Ada saran atau komentar untuk petugas? Ketik saja, atau tekan Lewati.
rating-comment-hint = Silakan ketik komentar Anda, atau tekan Lewati.
comment-too-long = Komentarnya { $count } karakter; batasnya { $max }. Mohon dipersingkat.
rating-thanks = 🙏 Terima kasih atas penilaian Anda untuk <b>{ $code }</b>. Masukan Anda membantu kami memperbaiki layanan.
