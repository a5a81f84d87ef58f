// Small page-wide helpers: toasts (callback answers, errors), the alert dialog for
// show_alert answers, and the busy overlay during reset.

/** A short note at the bottom of `where` (a pane, or the whole page). */
export function toast(text, kind = "info", ms = 2500, where = document) {
  const box = where === document ? document.getElementById("toasts") : where.querySelector(".toasts");
  const node = document.createElement("div");
  node.className = `toast ${kind}`;
  node.textContent = text;
  box.append(node);
  setTimeout(() => node.remove(), ms);
}

export function showError(error) {
  toast(error && error.message ? error.message : String(error), "error", 6000);
}

export function alertBox(text) {
  const dialog = document.getElementById("alert-dialog");
  document.getElementById("alert-text").textContent = text;
  if (!dialog.open) dialog.showModal();
}

export async function busy(work) {
  const overlay = document.getElementById("busy");
  overlay.hidden = false;
  try {
    return await work();
  } finally {
    overlay.hidden = true;
  }
}

/** Close `popup` on the next click anywhere else. */
export function dismissOnOutsideClick(popup, owner) {
  const close = (event) => {
    if (owner.contains(event.target) || popup.contains(event.target)) return;
    popup.hidden = true;
    document.removeEventListener("click", close, true);
  };
  document.addEventListener("click", close, true);
}

/** Base64 (no data: prefix) of a Blob. */
export function blobToBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1]);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
