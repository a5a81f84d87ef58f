start-greeting =
    Halo { $name }! Ini layanan pengaduan resmi { $city }. 🙏
    Sampaikan keluhan layanan publik di sini: kami verifikasi dalam 1 hari kerja, dan dinas terkait menanggapi dalam 2×24 jam.
ping-pong = pong 🏓 — layanan berjalan normal.
error-generic = Maaf, terjadi kendala di sisi kami. Pesan Anda tersimpan dan akan kami proses sesegera mungkin.
error-not-found = Maaf, data tersebut tidak ditemukan.
error-forbidden = Maaf, Anda tidak memiliki akses untuk tindakan ini.
error-invalid-transition = Tindakan ini sudah tidak berlaku untuk status laporan saat ini.
error-invalid-too-short = { $field ->
        [description] Uraian
        [address] Alamat
       *[other] Teks
    } Anda { $count } karakter; mohon tulis paling sedikit { $min } karakter.
error-invalid-too-long = { $field ->
        [description] Uraian
        [address] Alamat
        [comment] Komentar
       *[other] Teks
    } Anda { $count } karakter; paling banyak { $max } karakter. Mohon dipersingkat.
error-invalid-bad-file = Salah satu berkas tidak dapat dibaca. Mohon kirim ulang.
error-invalid-too-many-photos = Paling banyak { $max } foto dapat dikirim sekaligus.
error-invalid-bad-location = Lokasi itu tidak dapat dibaca. Mohon kirim ulang, atau ketik alamatnya.
error-invalid-unknown-category = Mohon pilih salah satu kategori yang tersedia.
error-invalid-bad-rating = Mohon beri nilai 1 sampai 5 bintang.
error-invalid-empty-info = Mohon kirim teks atau foto.
error-invalid-needs-photo = Mohon kirim paling sedikit satu foto.
error-invalid-album-not-started = Foto-foto ini tidak terkait balasan atau penyelesaian mana pun. Mohon balas kartu laporan lagi dengan foto beserta teksnya.
error-invalid-which-agency = Mohon sebutkan dari dinas mana laporan ini dipindahkan.
error-invalid-same-agency = Laporan ini sudah berada di dinas tersebut.
error-invalid-no-agency = Mohon pilih paling sedikit satu dinas.
error-invalid-inactive-agency = Dinas itu sudah tidak aktif. Mohon pilih dinas lain.
error-invalid-unit-agency = Unit pengaduan tidak dapat diberi laporan sebagai dinas.
error-invalid-agency-has-it = { $agency } sudah menangani laporan ini.
error-invalid-no-default-agency = Kategori ini tidak punya dinas bawaan: pilih dinasnya dengan Verifikasi & kirim.
error-invalid-unknown-duplicate = Mohon tulis kode lacak laporan lain yang sudah ada (mis. ADU-7K3Q9X).
error-invalid-bad-code = Itu bukan kode lacak seperti ADU-7K3Q9X.
error-invalid-bad-duration = “{ $value }” bukan durasi seperti 1wd, 4wh atau 48h.
error-invalid-reason-after-code = Mohon tulis alasannya setelah kode dinas, mis. "pdam Pipa itu milik PDAM".
error-invalid-other = Mohon periksa kembali yang Anda kirim, lalu coba lagi.
error-concurrent = Laporan ini baru saja diubah oleh orang lain. Silakan coba lagi.
error-already-claimed = Laporan ini sudah ditangani oleh { $name }.
unknown-command = Maaf, perintah itu tidak kami kenali. Ketik /help untuk melihat yang bisa saya bantu.
staff-alert-dead-letter = ⚠️ Satu pembaruan tidak dapat diproses setelah { $attempts } percobaan (update { $update_id }): { $error }
staff-alert-unreachable = ⚠️ Pesan ke chat { $chat_id } tidak dapat dikirim: { $reason }. Chat ditandai tidak terjangkau.
staff-alert-failed = ⚠️ Pesan ke chat { $chat_id } gagal dikirim: { $reason }
staff-alert-migrated = ℹ️ Grup { $old_id } telah menjadi supergrup { $new_id }; data tautan sudah diperbarui.
staff-alert-webhook-error = ⚠️ Telegram gagal mengirim pembaruan ke bot: { $error } (terakhir { $when }). Telegram masih mencoba ulang beberapa saat, jadi belum ada yang hilang; bila ini muncul lagi, periksa WEBHOOK_URL dan reverse proxy di depan bot.
