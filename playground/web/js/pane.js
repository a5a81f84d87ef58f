// One chat pane: which chat it shows (and which forum topic), who the user acts as, the
// messages, the reply keyboard and the composer. It redraws from the store: a new message is
// appended, an edit replaces its bubble in place, anything else redraws the list.

import { emulator } from "./api.js";
import { Composer } from "./composer.js";
import { snippet } from "./format.js";
import { joinAlbum, renderMessage } from "./message.js";
import { alertBox, showError, toast } from "./ui.js";

export class Pane {
  constructor(index, world, store, chatKey) {
    this.index = index;
    this.world = world;
    this.store = store;
    this.replyTo = null;
    this.topic = null; // null: all topics; 0: General; n: that topic
    const template = document.getElementById("pane-template");
    this.root = template.content.firstElementChild.cloneNode(true);
    this.root.dataset.pane = index;
    this.list = this.root.querySelector(".messages");
    this.keyboardBox = this.root.querySelector(".reply-keyboard");
    this.chatSelect = this.root.querySelector(".chat-select");
    this.topicSelect = this.root.querySelector(".topic-select");
    this.personaSelect = this.root.querySelector(".persona-select");
    this.status = this.root.querySelector(".status");
    this.composer = new Composer(this, this.root);
    for (const chat of world.chats) this.chatSelect.append(new Option(chat.title, chat.key));
    this.chatSelect.addEventListener("change", () => this.show(this.chatSelect.value));
    this.topicSelect.addEventListener("change", () => {
      this.topic = this.topicSelect.value === "" ? null : Number(this.topicSelect.value);
      this.redraw();
    });
    this.personaSelect.addEventListener("change", () => this.redraw());
    this.root.querySelector(".kb-toggle").addEventListener("click", () => {
      const state = this.store.chat(this.chatId);
      state.keyboardHidden = !state.keyboardHidden;
      this.drawKeyboard();
    });
    this.unsubscribe = store.subscribe((chatId, change) => this.onChange(chatId, change));
    this.show(chatKey);
  }

  get chatId() {
    return this.chat.id;
  }

  persona() {
    const id = Number(this.personaSelect.value);
    return this.world.personas.find((p) => p.id === id);
  }

  show(chatKey) {
    this.chat = this.world.chats.find((c) => c.key === chatKey) || this.world.chats[0];
    this.root.dataset.chat = this.chat.key;
    this.chatSelect.value = this.chat.key;
    this.personaSelect.replaceChildren();
    for (const id of this.chat.members) {
      const person = this.world.personas.find((p) => p.id === id);
      if (person) this.personaSelect.append(new Option(`${person.first_name} (${person.label})`, id));
    }
    this.personaSelect.disabled = this.personaSelect.options.length < 2;
    this.topic = null;
    this.clearReply();
    this.fillTopics();
    this.redraw();
    if (this.chat.kind === "forum") {
      emulator.chatInfo(this.chatId).then((info) => this.learnTopics(info.topics)).catch(() => {});
    }
  }

  learnTopics(topics) {
    const state = this.store.chat(this.chatId);
    for (const topic of topics || []) state.topics.set(topic.message_thread_id, topic.name);
    this.fillTopics();
  }

  fillTopics() {
    const wrap = this.root.querySelector(".topic-wrap");
    wrap.hidden = this.chat.kind !== "forum";
    if (wrap.hidden) return;
    const current = this.topicSelect.value;
    this.topicSelect.replaceChildren(new Option("All topics", ""), new Option("General", "0"));
    for (const [id, name] of this.store.chat(this.chatId).topics) this.topicSelect.append(new Option(name, id));
    this.topicSelect.value = [...this.topicSelect.options].some((o) => o.value === current) ? current : "";
  }

  context() {
    return {
      me: Number(this.personaSelect.value),
      isGroup: this.chat.kind !== "private",
      showTopics: this.chat.kind === "forum" && this.topic === null,
      topics: this.store.chat(this.chatId).topics,
      press: (message, button, node) => this.press(message, button, node),
      command: (text) => this.composer.sendText(text).catch(showError),
      open: (message, node, event) => this.openMenu(message, node, event),
    };
  }

  redraw() {
    const ctx = this.context();
    this.list.replaceChildren();
    const entries = this.store.list(this.chatId, this.topic);
    for (const entry of entries) this.append(entry, ctx);
    if (!entries.length) this.list.append(this.emptyHint());
    this.drawKeyboard();
    this.list.scrollTop = this.list.scrollHeight;
  }

  emptyHint() {
    const box = document.createElement("div");
    box.className = "empty-chat";
    box.textContent = this.chat.hint || "No messages here yet.";
    if (this.chat.kind === "private") {
      const start = document.createElement("button");
      start.type = "button";
      start.textContent = "START";
      start.addEventListener("click", () => this.composer.sendText("/start").catch(showError));
      box.append(document.createElement("br"), start);
    }
    return box;
  }

  append(entry, ctx) {
    const last = this.list.lastElementChild;
    const album = entry.message.media_group_id;
    if (album && last && last.dataset.album === album) {
      joinAlbum(last, entry);
      return;
    }
    this.list.querySelector(".empty-chat")?.remove();
    this.list.append(renderMessage(entry, ctx));
  }

  visible(entry) {
    return this.topic === null || (entry.message.message_thread_id || 0) === this.topic;
  }

  onChange(chatId, change) {
    if (change.type === "reset" || chatId !== this.chatId) return;
    const entry = change.id !== undefined ? this.store.chat(chatId).messages.get(change.id) : null;
    if (change.type === "message" && entry) {
      if (entry.message.forum_topic_created) this.fillTopics();
      if (!this.visible(entry)) return;
      const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 80;
      this.append(entry, this.context());
      if (atBottom || entry.message.from?.id === Number(this.personaSelect.value)) {
        this.list.scrollTop = this.list.scrollHeight;
      }
    } else if (change.type === "edited" && entry) {
      const old = this.list.querySelector(`.msg[data-mid="${change.id}"]`);
      if (old && !old.dataset.album) {
        const fresh = renderMessage(entry, this.context());
        old.replaceWith(fresh);
        fresh.classList.add("flash");
        setTimeout(() => fresh.classList.remove("flash"), 800);
      } else {
        this.redraw();
      }
    } else if (change.type === "deleted") {
      this.redraw();
    } else if (change.type === "keyboard") {
      this.drawKeyboard();
    } else if (change.type === "action") {
      this.status.textContent = change.action ? "bot is typing…" : "";
      setTimeout(() => (this.status.textContent = ""), 4000);
    } else if (change.type === "answer" && change.answer.text) {
      if (change.answer.show_alert) alertBox(change.answer.text);
      else toast(change.answer.text, "info", 2500, this.root);
    }
  }

  drawKeyboard() {
    const state = this.store.chat(this.chatId);
    const markup = state.keyboard;
    this.keyboardBox.replaceChildren();
    this.composer.input.placeholder = (markup && markup.input_field_placeholder) || "Message";
    this.root.querySelector(".kb-toggle").hidden = !markup;
    this.keyboardBox.hidden = !markup || state.keyboardHidden;
    if (this.keyboardBox.hidden) return;
    for (const row of markup.keyboard) {
      const line = document.createElement("div");
      line.className = "row";
      for (const button of row) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = typeof button === "string" ? button : button.text;
        b.addEventListener("click", () => {
          if (markup.one_time_keyboard) {
            state.keyboardHidden = true;
            this.drawKeyboard();
          }
          this.composer.pressKey(button).catch(showError);
        });
        line.append(b);
      }
      this.keyboardBox.append(line);
    }
  }

  async press(message, button, node) {
    node.disabled = true;
    try {
      await emulator.press(Number(this.personaSelect.value), this.chatId, message.message_id, button.callback_data);
    } catch (error) {
      showError(error);
    } finally {
      node.disabled = false;
    }
  }

  openMenu(message, node, event) {
    this.root.querySelector(".msg-menu")?.remove();
    const menu = document.createElement("div");
    menu.className = "msg-menu";
    const item = (label, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", (e) => {
        e.stopPropagation();
        menu.remove();
        action();
      });
      menu.append(b);
    };
    item("Reply", () => this.setReply(message));
    const mine = message.from && message.from.id === Number(this.personaSelect.value);
    if (mine && message.text !== undefined) item("Edit", () => this.composer.startEditing(message));
    const box = this.root.getBoundingClientRect();
    menu.style.left = `${Math.min(event.clientX - box.left, box.width - 120)}px`;
    menu.style.top = `${event.clientY - box.top}px`;
    this.root.append(menu);
    const close = () => {
      menu.remove();
      document.removeEventListener("click", close);
    };
    setTimeout(() => document.addEventListener("click", close), 0);
  }

  setReply(message) {
    this.replyTo = message;
    const who = message.from ? message.from.first_name : "";
    this.showBar(`Reply to ${who}: ${snippet(message)}`, () => this.clearReply());
    this.composer.input.focus();
  }

  clearReply() {
    this.replyTo = null;
    this.hideBar();
  }

  showBar(text, onCancel) {
    const bar = this.root.querySelector(".reply-bar");
    bar.querySelector(".reply-label").textContent = text;
    bar.hidden = false;
    this.root.querySelector(".reply-cancel").onclick = onCancel;
  }

  hideBar() {
    this.root.querySelector(".reply-bar").hidden = true;
  }
}
