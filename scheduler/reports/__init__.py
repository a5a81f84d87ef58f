"""Period reports: the numbers (stats), their words (render), charts (PNG) and files (CSV,
XLSX), and how they are queued for delivery (deliver)."""
