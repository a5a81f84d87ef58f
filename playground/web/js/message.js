// One message as a Telegram-like bubble: sender, topic, quoted reply, media, formatted text,
// time, inline keyboard. Each bubble carries data-mid (the stable message_id) so an edit can
// replace exactly that bubble, and an album's photos share one bubble (data-album).

import { emulator } from "./api.js";
import { formatText, snippet } from "./format.js";

const SERVICE_KEYS = [
  "new_chat_members", "left_chat_member", "forum_topic_created", "migrate_to_chat_id",
  "migrate_from_chat_id", "group_chat_created", "pinned_message",
];

function div(className, ...content) {
  const node = document.createElement("div");
  node.className = className;
  node.append(...content);
  return node;
}

function senderName(user) {
  if (!user) return "";
  return user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name;
}

export function isService(message) {
  return SERVICE_KEYS.some((key) => key in message);
}

function serviceText(message) {
  const who = senderName(message.from);
  if (message.forum_topic_created) return `${who} created the topic “${message.forum_topic_created.name}”`;
  if (message.new_chat_members) return `${who} added ${message.new_chat_members.map(senderName).join(", ")}`;
  if (message.left_chat_member) return `${senderName(message.left_chat_member)} left the group`;
  if (message.pinned_message) return `${who} pinned a message`;
  if (message.migrate_to_chat_id) return "The group was upgraded to a supergroup";
  return "Group created";
}

function largestPhoto(message) {
  const sizes = message.photo || [];
  return sizes.length ? sizes[sizes.length - 1] : null;
}

export function photoImage(message) {
  const size = largestPhoto(message);
  const img = document.createElement("img");
  img.alt = "photo";
  img.loading = "lazy";
  img.dataset.mid = message.message_id;
  if (size) img.src = emulator.fileUrl(size.file_id);
  return img;
}

function card(icon, title, detail) {
  const text = div("");
  text.append(title);
  const small = document.createElement("small");
  small.textContent = detail;
  text.append(small);
  return div("card", div("icon", icon), text);
}

function attachments(message) {
  const parts = [];
  if (message.photo) {
    const media = div("media count-1", photoImage(message));
    parts.push(media);
  }
  if (message.location && !message.venue) {
    const { latitude, longitude } = message.location;
    parts.push(card("📍", "Location", `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`));
  }
  if (message.venue) parts.push(card("📍", message.venue.title, message.venue.address));
  if (message.contact) {
    const c = message.contact;
    parts.push(card("👤", [c.first_name, c.last_name].filter(Boolean).join(" "), c.phone_number));
  }
  if (message.document) parts.push(card("📄", message.document.file_name || "File", message.document.mime_type || ""));
  for (const kind of ["sticker", "voice", "video", "animation", "audio", "video_note"]) {
    if (message[kind] && !message.document) parts.push(card("📎", kind, ""));
  }
  return parts;
}

function inlineKeyboard(message, ctx) {
  const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
  if (!rows.length) return null;
  const box = div("inline-kb");
  for (const row of rows) {
    const line = div("row");
    for (const button of row) {
      if (button.url) {
        const a = document.createElement("a");
        a.textContent = button.text;
        a.href = /^(https?:|tg:)/i.test(button.url) ? button.url : "#";
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        line.append(a);
        continue;
      }
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = button.text;
      if ("callback_data" in button) {
        b.addEventListener("click", (event) => {
          event.stopPropagation();
          ctx.press(message, button, b);
        });
      } else {
        b.disabled = true;
        b.title = "not emulated";
      }
      line.append(b);
    }
    box.append(line);
  }
  return box;
}

let timeZone = "Asia/Jakarta";

/** Show times in the city's zone, like the bot's own cards do. */
export function setTimeZone(zone) {
  if (zone) timeZone = zone;
}

function timeOf(message, edited) {
  const at = new Date(message.date * 1000);
  const hhmm = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });
  return edited || message.edit_date ? `edited ${hhmm}` : hhmm;
}

/**
 * A bubble for one store entry. `ctx`: {me (user id), isGroup, showTopics, topics (Map),
 * press(message, button, node), command(text), open(message, node)}.
 */
export function renderMessage(entry, ctx) {
  const message = entry.message;
  if (isService(message)) {
    const node = div("msg service", serviceText(message));
    node.dataset.mid = message.message_id;
    return node;
  }
  const fromBot = Boolean(message.from && message.from.is_bot);
  const mine = !fromBot && message.from && message.from.id === ctx.me;
  const node = div(`msg${fromBot ? " bot" : ""}${mine ? " mine" : ""}`);
  node.dataset.mid = message.message_id;
  if (message.media_group_id) node.dataset.album = message.media_group_id;
  if (ctx.isGroup && !mine) node.append(div("sender", senderName(message.from)));
  if (ctx.showTopics && message.message_thread_id) {
    node.append(div("topic-tag", `# ${ctx.topics.get(message.message_thread_id) || "topic"}`));
  }
  const reply = message.reply_to_message;
  if (reply && !(reply.forum_topic_created && message.is_topic_message)) {
    const quote = div("quote");
    const who = document.createElement("b");
    who.textContent = senderName(reply.from);
    const what = document.createElement("span");
    what.textContent = snippet(reply);
    quote.append(who, what);
    node.append(quote);
  }
  node.append(...attachments(message));
  const text = message.text !== undefined ? message.text : message.caption;
  const entities = message.text !== undefined ? message.entities : message.caption_entities;
  if (text) {
    const body = div("text");
    body.append(formatText(text, entities, fromBot ? ctx.command : null));
    node.append(body);
  }
  node.append(div("meta", timeOf(message, entry.edited)));
  const keyboard = inlineKeyboard(message, ctx);
  if (keyboard) node.append(keyboard);
  node.addEventListener("click", (event) => {
    if (event.target.closest("a, button, .cmd")) return;
    ctx.open(message, node, event);
  });
  return node;
}

/** Add an album member's photo to the bubble that already shows its album. */
export function joinAlbum(bubble, entry) {
  const media = bubble.querySelector(".media");
  media.append(photoImage(entry.message));
  const count = media.querySelectorAll("img").length;
  media.className = `media count-${Math.min(count, 6)}`;
  const text = entry.message.caption;
  if (text && !bubble.querySelector(".text")) {
    const body = div("text");
    body.append(formatText(text, entry.message.caption_entities));
    bubble.querySelector(".meta").before(body);
  }
}
