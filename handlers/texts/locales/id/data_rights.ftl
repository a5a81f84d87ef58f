## Hak warga atas datanya (UU PDP No. 27/2022): /privacy, /mydata, /forget

cmd-mydata = Unduh semua data saya
cmd-forget = Hapus data pribadi saya
privacy-retention =
    <b>Berapa lama disimpan</b>
    • Pesan yang Anda kirim ke bot: { $updates } hari setelah diproses. Pesan dari bot: { $outbox } hari setelah terkirim.
    • Data pribadi dalam pengaduan (nama, nomor HP, keterangan, alamat, foto Anda, lokasi persis): { $personal } bulan setelah pengaduan selesai, lalu dihapus.
    • Yang tetap disimpan untuk statistik kota: kategori, dinas, waktu, status, nilai, jawaban dinas, dan lokasi yang dibulatkan sekitar 100 m.
    <b>Hak Anda</b> (UU PDP No. 27/2022)
    • /mydata — kami kirimkan satu berkas ZIP berisi semua data Anda.
    • /forget — kami hapus data pribadi Anda sekarang juga.
mydata-preparing = 📦 Kami sedang mengumpulkan semua data Anda. Berkasnya akan dikirim ke sini sebentar lagi.
mydata-pending = 📦 Permintaan data Anda sebelumnya masih disiapkan. Berkasnya akan segera dikirim ke sini.
mydata-caption = 📦 Semua data Anda di layanan pengaduan ini per { $when }: { $complaints } pengaduan, { $photos } foto. Simpan baik-baik: berkas ini berisi data pribadi Anda.
mydata-failed = Mohon maaf, berkas data Anda belum dapat dibuat. Silakan kirim /mydata lagi nanti.
forget-confirm =
    ⚠️ <b>Hapus data pribadi Anda?</b>
    Nama, username, nomor HP, tautan ke akun Telegram Anda, semua yang Anda tulis dan foto Anda di { $complaints } pengaduan akan dihapus sekarang juga dan tidak dapat dikembalikan.{ $open ->
        [0] {""}
       *[other] {" "}{ $open } pengaduan yang masih berjalan akan dibatalkan dan dinas yang menanganinya diberi tahu.
    }
    Yang tetap disimpan, tanpa identitas Anda, untuk statistik kota: kategori, dinas, waktu, status, nilai, jawaban dinas, dan lokasi yang dibulatkan sekitar 100 m.
forget-btn-yes = 🗑 Ya, hapus data saya
forget-btn-no = Jangan, simpan data saya
forget-kept = 👍 Baik, tidak ada yang dihapus. Data Anda tetap kami simpan sesuai /privacy.
forget-stale = Konfirmasi ini sudah tidak berlaku. Kirim /forget lagi bila Anda tetap ingin menghapus data Anda.
forget-toast = Data Anda telah dihapus.
forget-done =
    ✅ <b>Data pribadi Anda telah dihapus.</b>
    Dihapus: nama, username, nomor HP, tautan ke akun Telegram Anda, semua yang Anda tulis dan { $photos } foto Anda, di { $complaints } pengaduan{ $withdrawn ->
        [0] .
       *[other] ; { $withdrawn } pengaduan yang masih berjalan dibatalkan dan dinasnya sudah diberi tahu.
    }
    Disimpan, tanpa identitas Anda: kategori, dinas, waktu, status, nilai, jawaban dinas, dan lokasi yang dibulatkan sekitar 100 m. Kota wajib mempertanggungjawabkan pelayanannya, dan UU PDP No. 27/2022 membolehkan data yang tidak lagi menunjuk seseorang disimpan untuk statistik.
    Pesan ini juga tidak kami simpan. Bila Anda menulis lagi, Anda akan tercatat sebagai pengguna baru.
forget-staff-only = Mohon maaf, hanya superadmin yang dapat menghapus data pelapor lain. Untuk menghapus data Anda sendiri, kirim /forget saja. Percobaan ini tercatat.
forget-staff-unknown = Tidak ada pelapor “{ $value }”. Gunakan nomor pelapor, mis. <code>/forget 12</code> untuk Pelapor #12.
forget-staff-already = Data pribadi Pelapor #{ $id } sudah dihapus sebelumnya.
forget-staff-confirm =
    ⚠️ <b>Hapus data pribadi Pelapor #{ $id }?</b>
    { $complaints } pengaduan{ $open ->
        [0] {""}
       *[other] , { $open } masih berjalan: akan dibatalkan dan dinasnya diberi tahu
    }. Tidak dapat dikembalikan. Lakukan hanya untuk permintaan yang sudah Anda periksa keabsahannya.
forget-btn-erase = 🗑 Hapus
forget-btn-keep = Batal
forget-staff-kept = Tidak ada yang dihapus untuk Pelapor #{ $id }.
forget-staff-done = ✅ Data pribadi Pelapor #{ $id } telah dihapus: { $complaints } pengaduan, { $photos } foto, { $withdrawn } pengaduan berjalan dibatalkan. Sampaikan hasilnya kepada pemohon melalui saluran permintaannya.
staff-under-withdrawn = 🗑 Pelapor meminta data pribadinya dihapus (UU PDP No. 27/2022): <b>{ $code }</b> dibatalkan dan tidak perlu ditindaklanjuti lagi. Keterangan dan fotonya sudah dihapus; statistiknya tetap dihitung.
audit-data-erase-request = meminta penghapusan data pribadi { $target } ({ $detail })
staff-ev-withdraw = 🗑 dibatalkan: data pelapor dihapus atas permintaannya
