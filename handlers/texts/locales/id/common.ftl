start-greeting =
    Halo { $name }! Ini layanan pengaduan resmi { $city }. 🙏
    Sampaikan keluhan layanan publik di sini: kami verifikasi dalam 1 hari kerja, dan dinas terkait menanggapi dalam 2×24 jam.
ping-pong = pong 🏓 — layanan berjalan normal.
error-generic = Maaf, terjadi kendala di sisi kami. Pesan Anda tersimpan dan akan kami proses sesegera mungkin.
error-not-found = Maaf, data tersebut tidak ditemukan.
error-forbidden = Maaf, Anda tidak memiliki akses untuk tindakan ini.
error-invalid-transition = Tindakan ini sudah tidak berlaku untuk status laporan saat ini.
error-validation = Mohon periksa kembali: { $detail }
error-concurrent = Laporan ini baru saja diubah oleh orang lain. Silakan coba lagi.
error-already-claimed = Laporan ini sudah ditangani oleh { $name }.
unknown-command = Maaf, perintah itu tidak kami kenali. Ketik /help untuk melihat yang bisa saya bantu.
staff-alert-dead-letter = ⚠️ Satu pembaruan tidak dapat diproses setelah { $attempts } percobaan (update { $update_id }): { $error }
staff-alert-unreachable = ⚠️ Pesan ke chat { $chat_id } tidak dapat dikirim: { $reason }. Chat ditandai tidak terjangkau.
staff-alert-failed = ⚠️ Pesan ke chat { $chat_id } gagal dikirim: { $reason }
staff-alert-migrated = ℹ️ Grup { $old_id } telah menjadi supergrup { $new_id }; data tautan sudah diperbarui.
staff-alert-webhook-error = ⚠️ Telegram gagal mengirim pembaruan ke bot: { $error } (terakhir { $when }). Telegram masih mencoba ulang beberapa saat, jadi belum ada yang hilang; bila ini muncul lagi, periksa WEBHOOK_URL dan reverse proxy di depan bot.
