// Message text with the bot's formatting, safely.
//
// The bot sends HTML (parse_mode=HTML); the emulator, like Telegram, turns it into plain text
// plus entities. We rebuild markup from those entities with DOM nodes and textContent only,
// so nothing the bot or a user typed can ever become markup: the only elements produced are
// the whitelist b, i, u, s, code, pre and a (http/https/mailto links only). Every other
// entity (mentions, hashtags, spoilers, quotes...) shows as its plain text. Bot commands in
// a bot's message become clickable spans of our own, as in Telegram.
// Offsets count UTF-16 code units, which is exactly how JavaScript strings index.

const TAGS = {
  bold: "b",
  italic: "i",
  underline: "u",
  strikethrough: "s",
  code: "code",
  pre: "pre",
  text_link: "a",
  url: "a",
};
const SAFE_LINK = /^(https?:|mailto:)/i;

/** Top-level entities of [start, end): properly nested ones are handled by the recursion;
 * one that overlaps its parent's end is clipped there. Returns [entity, clipped end]. */
function children(entities, start, end) {
  const inside = entities
    .filter((e) => e.offset >= start && e.offset < end && e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const top = [];
  let pos = start;
  for (const entity of inside) {
    if (entity.offset < pos) continue; // nested in the previous top-level entity
    const stop = Math.min(entity.offset + entity.length, end);
    top.push([entity, stop]);
    pos = stop;
  }
  return top;
}

function element(entity, text, onCommand) {
  const tag = TAGS[entity.type];
  if (entity.type === "bot_command" && onCommand) {
    const span = document.createElement("span");
    span.className = "cmd";
    span.addEventListener("click", (event) => {
      event.stopPropagation();
      onCommand(text);
    });
    return span;
  }
  if (!tag) return null;
  if (tag === "a") {
    const href = entity.type === "url" ? text : entity.url || "";
    const url = /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href}`;
    if (!SAFE_LINK.test(url)) return null;
    const a = document.createElement("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  return document.createElement(tag);
}

function build(parent, text, entities, start, end, onCommand) {
  let pos = start;
  for (const [entity, stop] of children(entities, start, end)) {
    if (entity.offset > pos) parent.append(text.slice(pos, entity.offset));
    const node = element(entity, text.slice(entity.offset, stop), onCommand);
    const nested = entities.filter((e) => e !== entity);
    build(node || parent, text, nested, entity.offset, stop, onCommand);
    if (node) parent.append(node);
    pos = stop;
  }
  if (pos < end) parent.append(text.slice(pos, end));
}

/** A fragment showing `text` with its `entities`; `onCommand(cmd)` makes /commands clickable. */
export function formatText(text, entities = [], onCommand = null) {
  const fragment = document.createDocumentFragment();
  build(fragment, text || "", entities || [], 0, (text || "").length, onCommand);
  return fragment;
}

/** One line of plain text for quotes and the reply bar. */
export function snippet(message) {
  if (message.text) return message.text.split("\n")[0];
  if (message.caption) return message.caption.split("\n")[0];
  if (message.photo) return "🖼 Photo";
  if (message.location) return "📍 Location";
  if (message.contact) return "👤 Contact";
  if (message.document) return "📄 File";
  return "Message";
}
