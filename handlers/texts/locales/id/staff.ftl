## Sisi petugas: unit pengaduan dan petugas OPD di grup mereka.

staff-denied = Maaf, tindakan ini hanya untuk petugas yang berwenang. Percobaan ini telah dicatat.
staff-button-invalid = Tombol ini sudah tidak berlaku.
staff-command-where = Silakan gunakan perintah ini di chat pribadi dengan saya atau di grup unit pengaduan.

## Kartu

staff-card-unit-title = 🆕 <b>{ $code }</b> · { $category }
staff-card-agency-title = 📨 <b>{ $code }</b> · { $category }
staff-card-place = 📍 { $place }
staff-card-reporter = 👤 { $reporter }
staff-card-filed = 🕑 Masuk { $when } ({ $age } lalu)
staff-card-paused = ⏸ Waktu dihentikan sementara: menunggu jawaban warga
staff-card-status = 📌 <b>{ $status }</b>
staff-card-share = • { $agency }: { $status }
staff-card-with-officer = { $status } — { $officer }
staff-card-step = <code>{ $at }</code> { $what } — { $who }
staff-deadline-verify = ⏳ Verifikasi paling lambat { $when }
staff-deadline-first-response = ⏳ Tanggapan pertama paling lambat { $when }
staff-deadline-resolve = ⏳ Selesai paling lambat { $when }
staff-deadline-confirm = ⏳ Konfirmasi warga paling lambat { $when }
staff-age-minutes = { $n } menit
staff-age-hours = { $n } jam
staff-age-days = { $n } hari
staff-actor-citizen = pelapor
staff-actor-system = sistem

staff-status-submitted = Menunggu verifikasi
staff-status-on-hold = Ditunda: menunggu warga
staff-status-dispatched = Dikirim ke OPD
staff-status-in-progress = Sedang ditangani
staff-status-need-info = Menunggu informasi dari warga
staff-status-resolved = Selesai: menunggu konfirmasi warga
staff-status-closed = Ditutup
staff-status-rejected = Ditolak
staff-status-cancelled = Dibatalkan oleh warga

staff-share-dispatched = Baru, belum diambil
staff-share-in-progress = Sedang ditangani
staff-share-need-info = Menunggu warga
staff-share-resolved = Selesai
staff-share-handed-back = Dikembalikan (bukan kewenangan kami)
staff-share-closed = Ditutup

staff-ev-submit = 🆕 masuk
staff-ev-verify = ✅ diverifikasi, dikirim ke { $agencies }
staff-ev-dispatch = 📨 dikirim ke { $agencies }
staff-ev-hold = ❓ warga ditanya dulu
staff-ev-citizen-add-info = 📎 warga menambah informasi
staff-ev-reject = 🚫 ditolak ({ $reason })
staff-ev-claim = 👷 diambil
staff-ev-reply = 💬 membalas warga
staff-ev-note = 🔒 catatan internal
staff-ev-request-info = ❓ meminta informasi dari warga
staff-ev-resolve = 🔧 diselesaikan
staff-ev-album-photos = 📷 foto tambahan
staff-ev-confirm = ✅ dikonfirmasi selesai
staff-ev-rate = ⭐ dinilai { $rating }/5
staff-ev-reopen = 🔁 dibuka kembali
staff-ev-hand-back = ↩️ dikembalikan: bukan kewenangan kami
staff-ev-transfer = 🔀 dialihkan ke { $agencies }
staff-ev-cancel = ✖️ dibatalkan
staff-ev-auto-close = 🔒 ditutup otomatis

staff-btn-verify = ✅ Verifikasi & kirim
staff-btn-hold = ❓ Tunda, tanya warga
staff-btn-reject = 🚫 Tolak
staff-btn-send = 📨 Kirim
staff-btn-back = ↩️ Kembali
staff-btn-claim = 👷 Ambil
staff-btn-reply = 💬 Balas
staff-btn-info = ❓ Minta info
staff-btn-resolve = 🔧 Selesaikan
staff-btn-notours = 🔀 Bukan kami
staff-reason-spam = Spam
staff-reason-incomplete = Tidak lengkap
staff-reason-duplicate = Duplikat
staff-reason-not-public-service = Bukan layanan publik

## Jawaban tombol (hanya dilihat penekan)

staff-answer-pick = Pilih satu OPD atau lebih, lalu tekan Kirim.
staff-answer-pick-one = Silakan pilih minimal satu OPD.
staff-answer-sent = Terkirim ✅
staff-answer-rejected = Ditolak. Warga sudah diberi tahu alasannya.
staff-answer-prompted = Silakan balas pesan saya di bawah.
staff-answer-claimed = Aduan ini sekarang Anda tangani ✅
staff-answer-reply-howto = Balas kartu (atau pesan warga) dengan teks atau foto: jawaban dikirim ke warga atas nama OPD Anda. Awali dengan /note agar tetap internal.

## Pertanyaan yang dijawab dengan membalas pesan

staff-prompt-hold = { $who }, balas pesan ini dengan pertanyaan Anda untuk warga tentang <b>{ $code }</b>.
staff-prompt-duplicate = { $who }, balas pesan ini dengan kode aduan asli yang diduplikasi oleh <b>{ $code }</b>.
staff-prompt-where = { $who }, balas pesan ini dengan ke mana warga sebaiknya menghubungi (kantor, telepon atau situs) untuk <b>{ $code }</b>.
staff-prompt-info = { $who }, balas pesan ini dengan pertanyaan Anda untuk warga tentang <b>{ $code }</b>. Waktu layanan berhenti sampai warga menjawab.
staff-prompt-resolve = { $who }, balas pesan ini dengan catatan penyelesaian <b>{ $code }</b>: apa yang dikerjakan, di mana dan kapan. Anda boleh mengirim foto hasilnya dengan catatan sebagai keterangannya.
staff-prompt-notours =
    { $who }, balas pesan ini dengan alasan <b>{ $code }</b> bukan kewenangan OPD Anda.
    Untuk langsung meneruskan ke OPD yang berwenang, awali dengan kodenya, misalnya "pdam Pipa milik PDAM". Kode: { $codes }.
    Tanpa kode, aduan kembali ke unit pengaduan.
staff-prompt-not-yours = Pertanyaan ini menunggu jawaban { $name }. Silakan gunakan tombol di kartu sendiri.
staff-resolve-needs-note = Penyelesaian wajib disertai catatan tentang apa yang dikerjakan. Silakan balas lagi dengan catatannya (foto saja tidak cukup).
staff-done-hold = ✅ Pertanyaan Anda sudah dikirim ke warga.
staff-done-duplicate = ✅ Ditolak sebagai duplikat; warga sudah menerima kode aduan aslinya.
staff-done-where = ✅ Ditolak; warga sudah diberi tahu harus menghubungi ke mana.
staff-done-info = ✅ Pertanyaan Anda sudah dikirim ke warga.
staff-done-resolve = ✅ Ditandai selesai; warga akan mengonfirmasi.
staff-done-notours = ✅ Sudah diteruskan; warga sudah diberi tahu siapa yang menanganinya sekarang.
staff-done-reply = ✅ Terkirim ke warga.
staff-done-note = 🔒 Disimpan sebagai catatan internal (tidak terlihat oleh warga).
staff-photo-only = (foto)
staff-unit-card-hint = Gunakan tombol di kartu untuk menindaklanjuti aduan ini, atau /note untuk menambah catatan internal.
staff-note-usage = Balas kartu atau pesan aduan dengan <code>/note teks Anda</code> untuk menambah catatan internal.

## Kiriman di bawah kartu

staff-under-info =
    📎 Pelapor menambahkan informasi untuk <b>{ $code }</b>:
    { $text }
staff-under-confirmed = ✅ Pelapor mengonfirmasi bahwa <b>{ $code }</b> sudah selesai. Terima kasih!
staff-under-auto-closed = 🔒 <b>{ $code }</b> ditutup otomatis: pelapor tidak menjawab tepat waktu.
staff-under-rated = ⭐ Penilaian untuk <b>{ $code }</b>: { $stars }
staff-under-reopened =
    🔁 Pelapor membuka kembali <b>{ $code }</b> (dibuka kembali { $count } kali):
    { $reason }
staff-supervisor-reopened =
    🔁 Pemberitahuan untuk atasan: aduan <b>{ $code }</b> dibuka kembali oleh pelapor (dibuka kembali { $count } kali).
    Alasan: { $reason }

## Peringatan untuk unit pengaduan

staff-alert-no-group = ⚠️ { $agency } belum punya grup tertaut, sehingga aduan { $code } tidak dapat dikirim ke sana. Tambahkan saya ke grup mereka dan kirim /link di sana.
staff-alert-unlinked = ⚠️ Saya dikeluarkan dari grup { $agency } (chat { $chat_id }). Aduan baru untuk OPD ini tidak dapat dikirim sampai ada grup yang ditautkan lagi dengan /link.

## Templat

staff-tpl-list = Jawaban siap pakai (balas kartu dengan <code>/tpl nama</code>):
staff-tpl-none = OPD Anda belum punya jawaban siap pakai. Admin dapat menambahkannya dengan /template add.
staff-tpl-unknown = Tidak ada jawaban siap pakai bernama “{ $name }”. Kirim /tpl untuk melihat daftarnya.
staff-tpl-usage = Balas kartu aduan dengan <code>/tpl nama</code> untuk mengirim jawaban itu.

## Pendaftaran petugas

staff-role-citizen = warga
staff-role-officer = petugas
staff-role-supervisor = atasan
staff-role-admin = admin
staff-role-superadmin = superadmin
staff-role-system = sistem
staff-invite-created =
    Tautan undangan untuk { $role } baru { $agency } (sekali pakai, berlaku sampai { $expires }):
    { $link }
staff-invite-invalid = Maaf, tautan undangan ini tidak berlaku. Silakan minta tautan baru kepada admin.
staff-invite-used = Maaf, tautan undangan ini sudah dipakai. Silakan minta tautan baru kepada admin.
staff-invite-expired = Maaf, tautan undangan ini sudah kedaluwarsa. Silakan minta tautan baru kepada admin.
staff-invite-already-staff = Anda sudah terdaftar sebagai petugas. Hubungi admin jika peran atau OPD Anda perlu diubah.
staff-invite-welcome = Selamat datang! Anda sekarang { $role } { $agency }. Aduan ada di grup OPD Anda; saya akan mengirim pesan di sini jika ada yang perlu perhatian Anda.
staff-invite-accepted = ✅ { $name } bergabung dengan { $agency } sebagai { $role }.
staff-list-title = Petugas aktif ({ $count }):
staff-removed = { $name } (#{ $id }) sudah dikeluarkan dari daftar petugas.

## Menautkan grup

staff-link-in-group = Kirim /link di grup yang ingin ditautkan.
staff-linked = ✅ Grup ini sekarang tertaut ke { $agency }. Aduannya akan dikirim ke sini.
staff-linked-forum = ✅ Grup ini sekarang tertaut ke { $agency }. Setiap aduan mendapat topiknya sendiri di sini.
staff-hello-group = Halo! Admin dapat menautkan grup ini ke OPD dengan <code>/link kode-opd</code> (atau <code>/link admin</code> untuk unit pengaduan).

## Perintah admin

staff-pending-empty = Antrean verifikasi kosong. 🎉
staff-pending-title = Antrean verifikasi ({ $count }):
staff-pending-line = <code>{ $code }</code> · { $category } · { $status } · { $when }
staff-ticket-history = Riwayat (catatan internal ditandai 🔒):
staff-audit-title = Jejak audit <b>{ $code }</b> ({ $count } entri):
staff-assigned = ✅ { $code } sudah dikirim ke { $agency }.
staff-transferred = ✅ { $code } sudah dialihkan ke { $agency }.
staff-transfer-default-reason = Dialihkan oleh unit pengaduan.
staff-banned = 🚫 { $reporter } tidak dapat lagi mengirim aduan.
staff-unbanned = ✅ { $reporter } dapat mengirim aduan lagi.
staff-agencies-title = OPD:
staff-group-none = belum ada grup
staff-group-linked = grup tertaut
staff-group-inactive = grup tidak aktif
staff-agency-added = ✅ OPD <code>{ $code }</code> “{ $name }” ditambahkan. Tautkan grupnya dengan <code>/link { $code }</code>.
staff-categories-title = Kategori:
staff-category-auto = verifikasi otomatis
staff-category-added = ✅ Kategori <code>{ $code }</code> “{ $name }” ditambahkan, dikirim ke { $agency } secara bawaan.
staff-template-saved = ✅ Jawaban siap pakai “{ $name }” disimpan untuk { $scope }.
staff-sla-title = Durasi tahap (wd = hari kerja, wh = jam kerja, h = jam):
staff-sla-default = bawaan kota
staff-sla-set = ✅ { $stage } sekarang { $value } untuk setiap kategori tanpa nilai sendiri.
staff-sla-set-category = ✅ { $stage } untuk { $category } sekarang { $value }.

staff-usage-invite = Cara pakai: <code>/invite kode-opd [officer|supervisor|admin]</code>, misalnya <code>/invite dpupr officer</code>.
staff-usage-link = Cara pakai, di grup yang akan ditautkan: <code>/link kode-opd</code>, atau <code>/link admin</code> untuk grup unit pengaduan.
staff-usage-ticket = Cara pakai: <code>/ticket kode-aduan</code> (mis. ADU-7K3Q9X)
staff-usage-audit = Cara pakai: <code>/audit kode-aduan</code>
staff-usage-assign = Cara pakai: <code>/assign kode-aduan kode-opd</code>
staff-usage-transfer = Cara pakai: <code>/transfer kode-aduan kode-opd [alasan]</code>
staff-usage-ban = Cara pakai: <code>/ban nomor-pelapor</code>, misalnya <code>/ban 12</code> untuk Reporter #12.
staff-usage-unban = Cara pakai: <code>/unban nomor-pelapor</code>, misalnya <code>/unban 12</code>.
staff-usage-agency = Cara pakai: <code>/agency add kode Nama OPD</code>
staff-usage-category = Cara pakai: <code>/category add kode kode-opd Nama kategori</code>
staff-usage-template = Cara pakai: <code>/template add kode-opd|all nama teks jawaban</code>
staff-usage-sla = Cara pakai: <code>/sla tahap durasi</code> untuk seluruh kota, atau <code>/sla kategori tahap durasi|default</code>. Tahap: verify, first_response, resolve, confirm. Durasi: 1wd, 4wh, 48h.

staff-err-code = “{ $value }” bukan kode aduan seperti ADU-7K3Q9X.
staff-err-no-ticket = Tidak ada aduan { $value }.
staff-err-agency = “{ $value }” bukan kode OPD yang aktif. /agencies menampilkan daftarnya.
staff-err-reporter = “{ $value }” bukan nomor pelapor (misalnya 12 untuk Reporter #12).
staff-err-role = “{ $value }” bukan peran: gunakan officer, supervisor atau admin.
staff-err-admin-unit = Admin adalah anggota unit pengaduan, dan petugas unit pengaduan adalah admin.
staff-err-superadmin-only = Hanya superadmin yang boleh melakukan ini.
staff-err-extra = Ada kata tambahan yang tidak dikenal: “{ $value }”.
staff-err-missing-agency = Kode OPD belum diisi.
staff-err-missing-name = Nama belum diisi.
staff-err-missing-text = Teks belum diisi.
staff-err-too-long-name = Nama terlalu panjang (paling banyak { $max } karakter).
staff-err-too-long-text = Teks terlalu panjang (paling banyak { $max } karakter).
staff-err-new-code = “{ $value }” tidak bisa menjadi kode: gunakan 1–20 huruf kecil, angka atau _.
staff-err-code-taken = Kode “{ $value }” sudah dipakai.
staff-err-subcommand = Tindakan “{ $value }” tidak dikenal: hanya “add” yang tersedia.
staff-err-template-name = “{ $value }” tidak bisa menjadi nama templat: gunakan 1–32 huruf, angka, - atau _.
staff-err-staff-args = Gunakan <code>/staff</code> untuk melihat petugas, atau <code>/staff remove id</code>; “{ $value }” bukan keduanya.
staff-err-staff-id = Tidak ada petugas aktif dengan id “{ $value }”.
staff-err-remove-self = Anda tidak dapat mengeluarkan diri sendiri.
staff-err-linked-elsewhere = Grup ini sudah tertaut ke { $agency }. Keluarkan saya dari grup ini dulu, atau tautkan grup lain.
staff-err-duration = “{ $value }” bukan durasi seperti 1wd, 4wh atau 48h.
staff-err-stage = “{ $value }” bukan tahap: gunakan verify, first_response, resolve atau confirm.
staff-err-sla-target = “{ $value }” bukan tahap maupun kode kategori.
staff-err-sla-args = Jumlah nilai tidak sesuai.

## Bantuan di grup

staff-help-unit =
    Unit pengaduan: aduan baru masuk ke sini sebagai kartu. Verifikasi & kirim, Tunda atau Tolak dengan tombol di kartu; balas pesan saya saat saya bertanya.
    Perintah: /pending, /ticket KODE, /audit KODE, /assign KODE opd, /transfer KODE opd, /agencies, /categories, /sla, /invite, /staff, /ban, /unban, /link, /auditlog.
staff-help-agency =
    Petugas OPD: Ambil kartu, lalu balas kartu itu (teks atau foto) untuk menjawab warga. Gunakan Minta info, Selesaikan (wajib dengan catatan) dan Bukan kami di kartu.
    /note sebagai balasan menyimpan catatan internal; /tpl menampilkan jawaban siap pakai. /ticket KODE di chat pribadi dengan saya menampilkan nomor telepon pelapor aduan yang Anda ambil.
staff-help-other = Grup ini untuk petugas pengaduan kota. Untuk menyampaikan aduan, kirim pesan pribadi kepada saya.

## Pieces of staff messages (names and texts are escaped by the catalogue)

staff-mention = <a href="tg://user?id={ $id }">{ $name }</a>
staff-card-reporter-named = { $name } ({ $label })
staff-card-description = <i>{ $text }</i>
staff-card-map = <a href="{ $url }">{ $point }</a>
staff-card-address = { $address }
staff-card-address-and-map = { $address } · { $map }
staff-card-step-of-agency = { $agency }: { $what }
staff-agency-line = <code>{ $code }</code> · { $name }{ $unit ->
        [yes] {" "}⭐
       *[no] {""}
    } · { $group }
staff-category-line = <code>{ $code }</code> · { $name } → { $agency }
staff-category-line-extras = <code>{ $code }</code> · { $name } → { $agency } · { $extras }
staff-sla-line = • { $stage }: <b>{ $value }</b>
staff-sla-category-line = <code>{ $code }</code>: { $values }
staff-history-text = {"   "}<i>{ $text }</i>
staff-audit-line = { $at } · <b>{ $action }</b>{ $moved ->
        [yes] {" "}({ $change })
       *[no] {""}
    } · { $role } { $name }{ $internal ->
        [yes] {" "}🔒
       *[no] {""}
    }
staff-list-line = #{ $id } · { $name } · { $role } · { $agency }
staff-tpl-line = • <b>{ $name }</b>: { $preview }

## Bahasa grup

staff-group-lang-now = 🌐 Bahasa grup ini: { $language }. Admin atau supervisor dinas dapat mengubahnya dengan <code>/lang id</code> atau <code>/lang en</code>.
staff-group-lang-set = ✅ Grup ini sekarang memakai { $language }: kartu, permintaan, dan pemberitahuan yang saya kirim di sini memakai bahasa itu.
staff-group-lang-usage = “{ $value }” bukan salah satu bahasa saya. Gunakan <code>/lang id</code> atau <code>/lang en</code>.
