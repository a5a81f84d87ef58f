btn-see-status = 📄 Lihat status
btn-solved-yes = ✅ Ya, sudah beres
btn-solved-no = ❌ Belum
deadline-soon = secepatnya
notice-submitted =
    ✅ Terima kasih, pengaduan Anda sudah kami terima dengan kode <b>{ $code }</b>.
    Tim pengaduan akan memverifikasinya paling lambat { $deadline }. Kami kabari setiap ada perkembangan.
notice-submitted-auto =
    ✅ Terima kasih, pengaduan Anda sudah kami terima dengan kode <b>{ $code }</b> dan langsung diteruskan ke { $agency }.
    Petugas akan menanggapi dalam 2×24 jam. Kami kabari setiap ada perkembangan.
notice-dispatched = 📨 Pengaduan <b>{ $code }</b> sudah diverifikasi dan diteruskan ke { $agency }. Petugas akan menanggapi dalam 2×24 jam.
notice-transferred = 🔀 Pengaduan <b>{ $code }</b> kini ditangani oleh { $agency }, instansi yang berwenang. Terima kasih atas kesabaran Anda.
notice-on-hold =
    ❓ Tim pengaduan membutuhkan sedikit keterangan tambahan untuk <b>{ $code }</b>:
    { $question }
    Silakan balas pesan ini untuk menjawab.
notice-rejected-spam = Mohon maaf, pengaduan <b>{ $code }</b> tidak dapat kami proses karena tidak berisi keluhan layanan publik. { $note }
notice-rejected-incomplete = Mohon maaf, pengaduan <b>{ $code }</b> belum dapat kami proses karena informasinya belum lengkap. { $note } Silakan kirim pengaduan baru dengan keterangan lokasi dan kejadian yang lebih rinci — kami siap membantu.
notice-rejected-duplicate = Pengaduan <b>{ $code }</b> sama dengan laporan <b>{ $original }</b> yang sudah kami tangani. Anda dapat memantau perkembangannya lewat kode tersebut. Terima kasih sudah peduli.
notice-rejected-not-public-service = Mohon maaf, pengaduan <b>{ $code }</b> bukan kewenangan layanan publik pemerintah kota. Silakan menghubungi: { $where }
notice-claimed = 👷 Pengaduan <b>{ $code }</b> sedang ditangani oleh petugas { $agency }.
notice-reply =
    💬 Balasan dari { $agency } untuk <b>{ $code }</b>:
    { $text }
notice-need-info =
    ❓ { $agency } membutuhkan keterangan tambahan untuk <b>{ $code }</b>:
    { $question }
    Silakan balas pesan ini (teks atau foto) untuk menjawab.
notice-info-received = 📎 Keterangan tambahan untuk <b>{ $code }</b> sudah kami teruskan ke petugas. Terima kasih.
notice-partly-resolved =
    🔧 { $agency } telah menyelesaikan bagiannya untuk <b>{ $code }</b>:
    { $note }
notice-more-photos = 📷 Foto lain untuk <b>{ $code }</b>.
notice-resolved =
    🔧 { $agency } menyatakan pengaduan <b>{ $code }</b> sudah ditindaklanjuti:
    { $note }
    Apakah masalahnya sudah beres? Jika tidak ada jawaban hingga { $deadline }, pengaduan akan kami tutup.
notice-closed-confirmed =
    🙏 Terima kasih atas konfirmasinya. Pengaduan <b>{ $code }</b> kami tutup.
    Bagaimana pelayanan kami? Beri nilai 1–5 ⭐ (opsional).
notice-reopened = 🔁 Pengaduan <b>{ $code }</b> dibuka kembali dan dikembalikan ke petugas beserta keterangan Anda. Mohon maaf atas ketidaknyamanannya.
notice-handed-back = 🔀 Pengaduan <b>{ $code }</b> sedang dialihkan ke instansi yang berwenang oleh tim pengaduan. Kami kabari instansi mana yang menanganinya.
notice-cancelled = Pengaduan <b>{ $code }</b> telah dibatalkan sesuai permintaan Anda.
notice-auto-closed = Pengaduan <b>{ $code }</b> kami tutup karena belum ada tanggapan dalam batas waktu konfirmasi. Jika masalah belum beres, silakan kirim pengaduan baru — kami siap membantu.
