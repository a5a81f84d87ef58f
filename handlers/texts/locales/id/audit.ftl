## Log audit admin (/auditlog) dan kontak pelapor (/ticket KODE di chat pribadi)

staff-auditlog-title = 🗂 <b>Log audit</b>, { $days } hari terakhir: { $count } catatan, terbaru di atas.
staff-auditlog-empty = 🗂 Tidak ada yang tercatat di log audit dalam { $days } hari terakhir.
staff-auditlog-line = { $when } · { $who } · { $what }
staff-auditlog-more = Ini { $shown } catatan terbaru dari { $count }. Daftar lengkapnya menyusul sebagai berkas CSV.
staff-auditlog-partial = Ini { $shown } catatan terbaru dari { $count }. Untuk semuanya, minta lebih sedikit hari atau gunakan <code>aduan audit export</code>.
staff-err-days = “{ $value }” bukan jumlah hari dari 1 sampai { $max }.
staff-usage-auditlog = Cara pakai: <code>/auditlog [hari]</code> (bawaan 7, paling banyak 366).
audit-caption = 🗂 Log audit { $period }: { $n } catatan.

audit-actor-staff = { $name } ({ $role })
audit-actor-operator = { $name } (baris perintah)
audit-actor-stranger = seseorang yang bukan petugas
audit-target-city = seluruh kota
audit-target-citizen = Pelapor #{ $id }

audit-citizen-ban = memblokir { $target }
audit-citizen-unban = membuka blokir { $target }
audit-citizen-data-shown = melihat kontak { $target } ({ $detail })
audit-staff-invite = membuat tautan undangan untuk { $target } ({ $detail })
audit-staff-join = bergabung sebagai petugas ({ $detail })
audit-staff-remove = mengeluarkan petugas { $target }
audit-staff-role = menetapkan peran { $target } ({ $detail })
audit-staff-list = melihat daftar petugas
audit-agency-add = menambahkan instansi { $target } ({ $detail })
audit-agency-list = melihat daftar instansi
audit-category-add = menambahkan kategori { $target } ({ $detail })
audit-category-list = melihat daftar kategori
audit-template-save = menyimpan templat { $target }
audit-sla-set = mengubah SLA { $target } ({ $detail })
audit-sla-view = melihat SLA
audit-group-link = menautkan grup ke { $target }
audit-city-seed = memuat berkas kota ({ $detail })
audit-queue-view = melihat antrean
audit-ticket-view = membuka { $target }
audit-ticket-history = membaca riwayat { $target }
audit-ticket-assign = meneruskan { $target }
audit-ticket-transfer = memindahkan { $target }
audit-report-request = meminta laporan { $target }
audit-export-request = meminta ekspor { $target }
audit-export-write = mengekspor aduan ({ $detail })
audit-audit-view = membuka log audit ({ $detail })
audit-audit-export = mengekspor log audit ({ $detail })
audit-backup = membuat cadangan ({ $detail })
audit-restore = memulihkan cadangan ({ $detail })
audit-data-export = mengekspor data pribadi { $target }
audit-data-erase = menghapus data pribadi { $target }
audit-command-refused = ditolak untuk { $target }

staff-contact-title = 🔒 <b>Kontak pelapor</b>, hanya untuk aduan ini (tampilan ini dicatat):
staff-contact-name = 👤 { $name }
staff-contact-username = 💬 @{ $username }
staff-contact-phone = 📱 { $phone }
staff-contact-no-phone = 📱 Pelapor tidak membagikan nomor telepon.
staff-contact-ask-privately = 📱 Pelapor membagikan nomor telepon. Untuk melihatnya, kirim <code>/ticket { $code }</code> kepada saya di chat pribadi.
staff-ticket-refused = Mohon maaf, { $code } hanya dapat dibuka di sini oleh petugas yang mengambilnya dan oleh unit pengaduan. Bila Anda memerlukannya, silakan hubungi mereka.
staff-quoted = <i>{ $text }</i>
