site-name = Aduan publik
site-description = Kinerja layanan pengaduan kota: aduan yang masuk, ditangani dan diselesaikan, per instansi.
skip-to-content = Langsung ke isi
nav-label = Menu utama
nav-dashboard = Ringkasan
nav-agencies = Instansi
nav-complaints = Aduan
nav-api = API
footer-privacy = Hanya aduan yang pelapornya memilih "publik" yang ditampilkan, tanpa nama, dengan lokasi dibulatkan sekitar 100 m.
footer-data = Data terbuka:

dashboard-title = Ringkasan kinerja
dashboard-heading = Layanan pengaduan { $city }
dashboard-lead = Berapa aduan warga yang masuk, diverifikasi, ditangani dan diselesaikan, dan seberapa cepat, dihitung dengan jam kerja kota.
this-month = Bulan ini ({ $month })
last-12-months = 12 bulan terakhir
monthly-trend = Tren bulanan
see-agencies = Lihat peringkat instansi
see-complaints = Lihat aduan publik
see-agency-complaints = Aduan yang ditangani instansi ini

fig-filed = Aduan masuk
fig-verified = Diverifikasi
fig-resolved = Diselesaikan
fig-confirmed = Dikonfirmasi warga
fig-median-verify = Median waktu verifikasi
fig-median-response = Median waktu tanggapan pertama
fig-median-resolve = Median waktu penyelesaian
fig-median-verify-short = Verifikasi
fig-median-response-short = Tanggapan pertama
fig-median-resolve-short = Penyelesaian
fig-in-time = Selesai tepat waktu (SLA)
fig-rating = Rata-rata penilaian
fig-reopen = Dibuka kembali
unit-hours = jam kerja

chart-volume = Aduan masuk dan diselesaikan per bulan
chart-hours = Median jam kerja per bulan
chart-in-time = Persentase selesai tepat waktu per bulan
chart-table = Tampilkan angkanya
col-month = Bulan

definitions-heading = Cara menghitung
definition-counts = Setiap langkah dihitung pada bulan terjadinya: aduan masuk pada bulan diajukan, diselesaikan pada bulan perbaikannya didokumentasikan. Dikonfirmasi warga: ditutup karena pelapor menyatakan masalahnya sudah beres.
definition-hours = Waktu dihitung dalam jam kerja kalender kota (jam kantor pada hari kerja, tanpa hari libur): dari pengajuan sampai verifikasi (verifikasi otomatis tidak dihitung), dan dari pengajuan (kota) atau dari penerusan ke instansi (instansi) sampai tanggapan pertama dan penyelesaian.
definition-sla = Tepat waktu: diselesaikan tanpa eskalasi SLA pada tahap penyelesaian.
definition-answers = Penilaian: rata-rata bintang (1–5) dari aduan yang ditutup dan dinilai pada periode itu. Dibuka kembali: dari aduan yang diselesaikan, yang pernah dibuka kembali karena belum beres.
definition-privacy = Statistik menghitung semua aduan; daftar dan peta hanya menampilkan aduan publik.

agencies-title = Peringkat instansi
agencies-heading = Peringkat instansi
agencies-lead = Seberapa cepat dan tuntas tiap instansi menangani aduan yang diteruskan kepadanya. Klik judul kolom untuk mengurutkan.
period-label = Periode
period-year = 12 bulan terakhir
period-month = Bulan ini
league-caption = Kinerja instansi
league-note = Urutan bawaan: persentase selesai tepat waktu, tertinggi dulu. Instansi tanpa data untuk suatu kolom ditaruh di akhir.
no-agencies = Belum ada instansi.
col-name = Instansi
col-received = Diterima
col-resolved = Diselesaikan
col-in_time = Tepat waktu
col-response = Tanggapan pertama (jam kerja)
col-resolution = Penyelesaian (jam kerja)
col-rating = Penilaian
col-reopen = Dibuka kembali

complaints-title = Aduan publik
complaints-heading = Aduan publik
complaints-lead = Aduan yang pelapornya memilih publik dan sudah diverifikasi, terbaru dulu. Lokasi dibulatkan sekitar 100 m.
filter-category = Kategori
filter-agency = Instansi
filter-status = Status
filter-period = Diajukan
filter-all = Semua
filter-apply = Tampilkan
filed-all = Kapan saja
filed-month = Bulan ini
filed-30d = 30 hari terakhir
filed-90d = 90 hari terakhir
filed-365d = 12 bulan terakhir
complaints-count = { $n ->
    [0] Tidak ada aduan yang cocok.
   *[other] { $n } aduan
}
map-label = Peta aduan
map-needs-script = Peta memerlukan JavaScript; daftar di bawah memuat semua aduan yang sama.
no-complaints = Belum ada aduan publik yang cocok dengan pilihan ini.
pages-label = Halaman
page-prev = Sebelumnya
page-next = Berikutnya
page-of = Halaman { $page } dari { $pages }
group-waiting = Menunggu instansi
group-in_progress = Sedang ditangani
group-resolved = Diselesaikan, menunggu konfirmasi
group-closed = Ditutup

complaint-heading = Aduan { $code }
fact-category = Kategori
fact-agency = Instansi
fact-status = Status
fact-filed = Diajukan
fact-location = Lokasi
location-rounded = dibulatkan sekitar 100 m
complaint-description = Aduan
complaint-photos = Foto
photo-alt = Foto { $n }
photo-alt-agency = Foto { $n } dari instansi
complaint-timeline = Perjalanan aduan
supporters-heading = Warga lain yang mengalami hal sama
supporters-count = { $n } warga mendukung aduan ini
supporters-soon = Segera: warga lain dapat menyatakan "saya juga" untuk aduan yang sama.

status-submitted = Kembali ke unit pengaduan untuk diteruskan ke instansi yang tepat.
status-on_hold = Unit pengaduan menunggu keterangan tambahan dari pelapor.
status-dispatched = Diteruskan ke { $agencies }, menunggu tanggapan.
status-in_progress = Sedang ditangani { $agencies }.
status-need_info = { $agencies } menunggu keterangan tambahan dari pelapor.
status-resolved = { $agencies } menyatakan sudah diselesaikan; menunggu konfirmasi pelapor.
status-closed = Ditutup.
status-rejected = Tidak diproses.
status-cancelled = Dibatalkan pelapor.

event-submit = Aduan diajukan.
event-verify = Diverifikasi dan diteruskan ke { $agencies }.
event-dispatch = Diteruskan ke { $agencies }.
event-transfer = Dialihkan ke { $agencies }.
event-claim = { $agencies } mulai menangani.
event-reply = Tanggapan { $agencies }:
event-request_info = { $agencies } meminta keterangan tambahan dari pelapor.
event-citizen_add_info = Pelapor menambahkan keterangan.
event-resolve = { $agencies } menyelesaikan aduan:
event-confirm = Pelapor mengonfirmasi masalahnya sudah beres{ $rating ->
    [0] .
   *[other] , dengan nilai { $rating }/5.
}
event-reopen = Pelapor membuka kembali: masalahnya belum beres.
event-rate = Pelapor memberi nilai { $rating }/5.
event-auto_close = Ditutup otomatis: pelapor tidak menjawab dalam batas waktu konfirmasi.

error-404-title = Halaman tidak ditemukan
error-404-body = Halaman atau aduan ini tidak ada, atau tidak dibuka untuk publik.
error-400-title = Permintaan tidak valid
error-400-body = Salah satu pilihan pada alamat ini tidak valid.

api-title = API Open311
api-heading = API terbuka (Open311 GeoReport v2)
api-lead = Aduan publik kota ini dapat dibaca oleh aplikasi lain dalam format standar Open311, JSON atau XML (ganti .json dengan .xml). Formulir web kota, pusat panggilan atau jembatan ke SP4N-LAPOR! dapat mengajukan aduan dengan kunci API.
api-base = Alamat dasar:
api-read = Membaca
api-window = Tanpa start_date/end_date: 90 hari terakhir; rentang paling lama 90 hari. page dan page_size (maks. 500) untuk halaman berikutnya.
api-file = Mengajukan aduan
api-file-lead = Minta kunci API ke unit pengaduan (aduan apikey add NAMA). Aduan masuk antrean verifikasi yang sama dengan aduan lewat Telegram; jawabannya berisi token sampai aduan diverifikasi, lalu kode pelacakan lewat tokens/TOKEN.json.
api-errors = Kesalahan dijawab dalam format Open311: daftar berisi code dan description.

open311-contact = Unit pengaduan { $city }
open311-key-service = Kunci API diberikan oleh unit pengaduan kota (aduan apikey add NAMA).
open311-yes-no = yes atau no (bawaan: no)
open311-attribute-public = Tampilkan aduan ini di laporan publik (tanpa nama pelapor)?
open311-attribute-share_name = Boleh instansi melihat nama pelapor?
open311-yes = Ya
open311-no = Tidak
open311-notice-pending = Aduan diterima dan akan diverifikasi unit pengaduan dalam 1 hari kerja.
open311-notice-verified = Aduan diterima dan langsung diteruskan ke instansi yang berwenang.

poster-service = Layanan Pengaduan Warga
poster-headline = Ada masalah layanan publik? Laporkan lewat Telegram.
poster-headline-category = { $category }: ada masalah? Laporkan lewat Telegram.
poster-step-1 = Pindai kode QR dengan kamera ponsel Anda.
poster-step-2 = Tekan Mulai, ceritakan masalahnya, tambahkan foto dan lokasi.
poster-step-3 = Simpan kode pelacakan: kami kabari setiap perkembangan sampai selesai.
poster-footer = Gratis dan resmi. Nama Anda tidak dipublikasikan.
