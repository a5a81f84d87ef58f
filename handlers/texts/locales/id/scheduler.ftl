# Penjadwal: pengingat dan eskalasi SLA, ringkasan harian, laporan dan ekspor.

sched-stage-verify = verifikasi
sched-stage-first-response = tanggapan pertama
sched-stage-resolve = penyelesaian
sched-stage-confirm = konfirmasi warga

sched-reminder-half = ⏰ Pengingat: separuh waktu { $stage } untuk aduan <b>{ $code }</b> sudah terpakai. Batas waktu: { $deadline }.
sched-overdue-group = { $level ->
    [1] 🔴 Aduan <b>{ $code }</b> melewati batas waktu { $stage } ({ $deadline }). Supervisor dan unit pengaduan sudah diberi tahu — mohon ditindaklanjuti hari ini.
   *[other] 🔴🔴 Aduan <b>{ $code }</b> sudah memakan dua kali waktu { $stage } (batas { $deadline }). Eskalasi kedua: mohon segera ditindaklanjuti.
}
sched-escalation-supervisor = { $level ->
    [1] 🔴 Eskalasi: aduan <b>{ $code }</b> di { $agency } melewati batas waktu { $stage } ({ $deadline }).
   *[other] 🔴🔴 Eskalasi kedua: aduan <b>{ $code }</b> di { $agency } sudah memakan dua kali waktu { $stage } (batas { $deadline }).
}
sched-escalation-admin = { $level ->
    [1] 🔴 { $agency }: aduan <b>{ $code }</b> melewati batas waktu { $stage } ({ $deadline }).
   *[other] 🔴🔴 { $agency }: aduan <b>{ $code }</b> sudah memakan dua kali waktu { $stage } (batas { $deadline }).
}

sched-days = { $n } hari
sched-hours = { $n } jam
sched-more = …dan { $n } lainnya

sched-digest-title = 🗓 Ringkasan harian { $agency }, { $date }
sched-digest-open = Aduan terbuka: { $total }
sched-status-submitted = { $n } menunggu verifikasi
sched-status-on-hold = { $n } menunggu warga
sched-status-dispatched = { $n } belum diambil
sched-status-in-progress = { $n } sedang ditangani
sched-status-need-info = { $n } menunggu informasi
sched-digest-due-today = ⏰ Jatuh tempo hari ini ({ $n }):
sched-digest-due-line = • { $code } — paling lambat { $time }
sched-digest-overdue = 🔴 Terlambat ({ $n }):
sched-digest-overdue-line = • { $code } — dilaporkan { $age } lalu, lewat { $late } dari batas waktu

sched-outbox-stuck = ⚠️ { $n } pesan belum terkirim selama { $age } (chat: { $chats }). Galat terakhir: { $error }

report-hours = { $n } jam
report-days = { $n } hari
report-title = 📊 Laporan pengaduan, { $period }
report-totals = Diterima { $received } · selesai { $resolved } ({ $resolved_pct }) · diproses { $in_process } · terlambat { $overdue } · ditolak { $rejected }
report-timing = Tanggapan pertama: median { $fr }, { $within } dalam 1 hari kerja · penyelesaian: median { $res }
report-answers = Warga: { $yes_pct } menyatakan selesai (ya { $yes }, tidak { $no }) · rata-rata nilai { $rating } · dibuka ulang { $reopens }
report-categories = Kategori teratas:
report-category-line = { $rank }. { $category }: { $n }
report-league = Peringkat instansi menurut kepatuhan SLA:
report-agency-line = { $rank }. { $agency } — SLA { $compliance } · diterima { $received } · selesai { $resolved } · diproses { $in_process } · terlambat { $overdue } · tanggapan pertama { $fr } ({ $within } ≤1 hari kerja) · penyelesaian { $res } · selesai menurut warga { $yes_pct } (ya { $yes }/tidak { $no }) · ★ { $rating } · dibuka ulang { $reopens }
report-empty = Tidak ada aduan pada periode ini.
report-failed = Mohon maaf, laporan untuk { $period } belum dapat dibuat. Silakan coba lagi nanti.
report-admins-only = Mohon maaf, laporan dan ekspor hanya untuk admin unit pengaduan.
report-usage = Cara pakai: /report, /report week, /report month atau /report 2026-11-01..2026-11-30
report-preparing = ⏳ Laporan untuk { $period } sedang disiapkan dan akan segera dikirim ke sini.
export-usage = Cara pakai: /export 2026-11-01 2026-11-30 (atau /export week, /export month)
export-preparing = ⏳ Ekspor CSV dan XLSX untuk { $period } sedang disiapkan.
export-caption = Aduan { $period } ({ $n } baris)

chart-per-day-title = Aduan per hari, { $period }
chart-received = diterima
chart-resolved = selesai
chart-tickets = aduan
chart-compliance-title = Kepatuhan SLA per instansi, { $period }
chart-compliance-axis = % kasus tanpa batas waktu terlewat
chart-categories-title = Aduan per kategori, { $period }
