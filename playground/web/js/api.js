// The page talks to the emulator's user API (acting as Telegram users, like the tests do)
// and to the demo's own /_demo/ routes (the cast, reset, time travel). Errors become
// exceptions carrying the server's one-line reason, which the page shows as a toast.

async function request(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  let data;
  try {
    data = await response.json();
  } catch {
    throw new Error(`${method} ${url}: HTTP ${response.status}`);
  }
  if (data.ok === false) throw new Error(data.error || data.description || `HTTP ${response.status}`);
  return "result" in data ? data.result : data;
}

const emu = (method, path, body) => request(method, `/_emulator${path}`, body);

function where(chatId, opts = {}) {
  const out = { chat_id: chatId };
  if (opts.replyTo) out.reply_to = opts.replyTo;
  if (opts.threadId) out.thread_id = opts.threadId;
  return out;
}

export const emulator = {
  sendText: (userId, chatId, text, opts) =>
    emu("POST", "/send/text", { user_id: userId, text, ...where(chatId, opts) }),
  sendCommand: (userId, chatId, command, args, opts) =>
    emu("POST", "/send/command", {
      user_id: userId, command, args, ...where(chatId, opts),
      ...(opts && opts.mention !== undefined ? { mention: opts.mention } : {}),
    }),
  sendPhoto: (userId, chatId, data, caption, opts) =>
    emu("POST", "/send/photo", { user_id: userId, data, caption: caption || null, ...where(chatId, opts) }),
  sendAlbum: (userId, chatId, photos, caption, opts) =>
    emu("POST", "/send/album", { user_id: userId, photos, caption: caption || null, ...where(chatId, opts) }),
  sendLocation: (userId, chatId, latitude, longitude, opts) =>
    emu("POST", "/send/location", { user_id: userId, latitude, longitude, ...where(chatId, opts) }),
  sendContact: (userId, chatId, phone, firstName, opts) =>
    emu("POST", "/send/contact", {
      user_id: userId, phone_number: phone, first_name: firstName, contact_user_id: userId,
      ...where(chatId, opts),
    }),
  press: (userId, chatId, messageId, data) =>
    emu("POST", "/press", { user_id: userId, chat_id: chatId, message_id: messageId, data }),
  edit: (userId, chatId, messageId, text) =>
    emu("POST", "/edit", { user_id: userId, chat_id: chatId, message_id: messageId, text }),
  chatInfo: (chatId) => emu("GET", `/chats/${chatId}`),
  fileUrl: (fileId) => `/_emulator/files/${encodeURIComponent(fileId)}`,
};

export const demo = {
  world: () => request("GET", "/_demo/world"),
  reset: () => request("POST", "/_demo/reset"),
  travel: (days) => request("POST", `/_demo/travel?days=${days}`),
  commands: (kind, chatId) =>
    request("GET", `/_demo/commands?kind=${kind === "private" ? "private" : "group"}&chat_id=${chatId}`),
};
