// Every chat as the emulator's event stream tells it. The SSE stream replays the whole event
// log on connect, so the store is rebuilt from events alone: no snapshot, no refresh button.
// Messages are keyed by message_id, which Telegram keeps stable, so an edit replaces the
// message in place and a pane can redraw exactly that bubble.

const EVENT_TYPES = [
  "message", "edited_message", "deleted_message", "callback_query",
  "callback_answer", "chat_action", "my_chat_member",
];

export class ChatState {
  constructor(id) {
    this.id = id;
    this.messages = new Map(); // message_id -> {message, deleted, fromBot}
    this.keyboard = null; // the reply keyboard markup the chat shows now
    this.keyboardHidden = false;
    this.topics = new Map(); // thread id -> name
    this.actionUntil = 0;
  }
}

export class Store {
  constructor() {
    this.chats = new Map();
    this.listeners = new Set();
    this.connectedAt = Date.now() / 1000;
  }

  chat(id) {
    const key = Number(id);
    if (!this.chats.has(key)) this.chats.set(key, new ChatState(key));
    return this.chats.get(key);
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(chatId, change) {
    for (const listener of this.listeners) listener(Number(chatId), change);
  }

  clear() {
    this.chats.clear();
    this.emit(0, { type: "reset" });
  }

  apply(event) {
    const chat = this.chat(event.chat_id);
    const message = event.message;
    switch (event.type) {
      case "message": {
        chat.messages.set(message.message_id, { message, deleted: false, fromBot: event.from_bot });
        const topic = message.forum_topic_created;
        if (topic) chat.topics.set(message.message_thread_id, topic.name);
        if (event.keyboard) this.setKeyboard(chat, event.keyboard);
        this.emit(chat.id, { type: "message", id: message.message_id });
        break;
      }
      case "edited_message": {
        const entry = chat.messages.get(message.message_id);
        chat.messages.set(message.message_id, {
          message, deleted: false, fromBot: entry ? entry.fromBot : event.from_bot, edited: true,
        });
        this.emit(chat.id, { type: "edited", id: message.message_id });
        break;
      }
      case "deleted_message": {
        const entry = chat.messages.get(message.message_id);
        if (entry) entry.deleted = true;
        this.emit(chat.id, { type: "deleted", id: message.message_id });
        break;
      }
      case "chat_action":
        chat.actionUntil = event.action ? event.at + 5 : 0;
        this.emit(chat.id, { type: "action", action: event.action });
        break;
      case "callback_answer":
        // Replayed answers are history; only show what happens while the page watches.
        if (event.at >= this.connectedAt - 2) this.emit(chat.id, { type: "answer", answer: event.answer });
        break;
      default:
        this.emit(chat.id, { type: event.type });
    }
  }

  setKeyboard(chat, markup) {
    if (markup.remove_keyboard) {
      chat.keyboard = null;
    } else if (markup.keyboard) {
      chat.keyboard = markup;
      chat.keyboardHidden = false;
    }
    this.emit(chat.id, { type: "keyboard" });
  }

  /** Messages of a chat in id order, optionally only one forum topic (0: General). */
  list(chatId, topic = null) {
    const chat = this.chat(chatId);
    const all = [...chat.messages.values()].filter((e) => !e.deleted);
    all.sort((a, b) => a.message.message_id - b.message.message_id);
    if (topic === null) return all;
    return all.filter((e) => (e.message.message_thread_id || 0) === topic);
  }

  /** Follow the emulator's SSE stream; `onReset` runs when the demo starts over. */
  connect(onReset) {
    const source = new EventSource("/_emulator/events");
    const handle = (raw) => this.apply(JSON.parse(raw.data));
    for (const type of EVENT_TYPES) source.addEventListener(type, handle);
    source.addEventListener("reset", () => {
      this.clear();
      onReset();
    });
    return source;
  }
}
