poster-admins-only = Maaf, poster hanya untuk admin unit pengaduan.
poster-usage = Cara pakai: /poster untuk poster umum, atau /poster KODE untuk satu kategori. Kode kategori: { $codes }
poster-preparing = ⏳ Menyiapkan poster untuk { $link }; PDF untuk dicetak dan gambarnya segera dikirim ke sini.
poster-caption = Poster A4 dengan kode QR { $link }. Cetak dan tempel di tempat ramai: kelurahan, puskesmas, halte.
