poster-admins-only = Sorry, posters are for the complaint unit's admins.
poster-usage = Usage: /poster for a general poster, or /poster CODE for one category. Category codes: { $codes }
poster-preparing = ⏳ Preparing the poster for { $link }; the PDF to print and its picture will arrive here in a moment.
poster-caption = A4 poster with a QR code of { $link }. Print it and put it up where people pass: the kelurahan office, the puskesmas, bus stops.
