// What a pane's user can send: text and /commands, replies and edits, photos and albums,
// a location from the offline map, their own contact, and reply-keyboard presses.
// Everything goes through the emulator's user API as the pane's current persona.

import { demo, emulator } from "./api.js";
import { pickLocation } from "./mapdialog.js";
import { readFiles, sampleAlbum, samplePhoto } from "./media.js";
import { dismissOnOutsideClick, showError } from "./ui.js";

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

export class Composer {
  /** `pane` gives chatId, chat (world entry), persona(), topic, replyTo and clearReply(). */
  constructor(pane, root) {
    this.pane = pane;
    this.form = root.querySelector(".composer");
    this.input = root.querySelector(".composer .text");
    this.files = root.querySelector(".composer .files");
    this.attachMenu = root.querySelector(".attach-menu");
    this.commandMenu = root.querySelector(".command-menu");
    this.editing = null; // message being edited
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit().catch(showError);
    });
    root.querySelector(".attach").addEventListener("click", () => this.toggle(this.attachMenu));
    root.querySelector(".menu").addEventListener("click", () => this.showCommands().catch(showError));
    this.attachMenu.addEventListener("click", (event) => {
      const action = event.target.closest("button")?.dataset.act;
      if (!action) return;
      this.attachMenu.hidden = true;
      this.attach(action).catch(showError);
    });
    this.files.addEventListener("change", () => this.upload().catch(showError));
  }

  toggle(popup) {
    popup.hidden = !popup.hidden;
    if (!popup.hidden) dismissOnOutsideClick(popup, this.form);
  }

  /** Where a message goes: this chat, the reply target, the selected forum topic. */
  where() {
    const reply = this.pane.replyTo;
    const threadId = reply ? reply.message_thread_id || this.pane.topic : this.pane.topic;
    return { replyTo: reply ? reply.message_id : undefined, threadId: threadId || undefined };
  }

  async run(send) {
    const me = this.pane.persona();
    const result = await send(me, this.pane.chatId, this.where());
    this.pane.clearReply();
    return result;
  }

  async submit() {
    const text = this.input.value.trim();
    if (!text) return;
    if (this.editing) {
      const target = this.editing;
      this.stopEditing();
      await emulator.edit(this.pane.persona().id, this.pane.chatId, target.message_id, text);
      return;
    }
    this.input.value = "";
    await this.sendText(text);
  }

  async sendText(text) {
    const command = COMMAND.exec(text);
    if (command) {
      const mention = command[2] ? true : undefined;
      return this.run((me, chat, where) =>
        emulator.sendCommand(me.id, chat, command[1], command[3] || "", { ...where, mention }),
      );
    }
    return this.run((me, chat, where) => emulator.sendText(me.id, chat, text, where));
  }

  /** A caption typed before attaching goes with the photo, as in Telegram. */
  takeCaption() {
    const caption = this.editing ? "" : this.input.value.trim();
    if (caption) this.input.value = "";
    return caption;
  }

  async sendPhotos(photos) {
    if (!photos.length) return;
    const caption = this.takeCaption();
    if (photos.length === 1) {
      await this.run((me, chat, where) => emulator.sendPhoto(me.id, chat, photos[0], caption, where));
    } else {
      await this.run((me, chat, where) => emulator.sendAlbum(me.id, chat, photos, caption, where));
    }
  }

  async upload() {
    const photos = await readFiles(this.files.files);
    this.files.value = "";
    await this.sendPhotos(photos);
  }

  async sendLocation() {
    const point = await pickLocation();
    if (!point) return;
    await this.run((me, chat, where) =>
      emulator.sendLocation(me.id, chat, point.latitude, point.longitude, where),
    );
  }

  async sendContact() {
    const phone = `+62 812 ${String(this.pane.persona().id).slice(-4)} 0000`;
    await this.run((me, chat, where) => emulator.sendContact(me.id, chat, phone, me.first_name, where));
  }

  async attach(action) {
    if (action === "upload") this.files.click();
    if (action === "sample") await this.sendPhotos([await samplePhoto()]);
    if (action === "sample-album") await this.sendPhotos(await sampleAlbum(3));
    if (action === "location") await this.sendLocation();
    if (action === "contact") await this.sendContact();
  }

  /** A reply-keyboard button: its text, or what it requests. */
  async pressKey(button) {
    const key = typeof button === "string" ? { text: button } : button;
    if (key.request_location) return this.sendLocation();
    if (key.request_contact) return this.sendContact();
    return this.run((me, chat, where) => emulator.sendText(me.id, chat, key.text, where));
  }

  async showCommands() {
    if (!this.commandMenu.hidden) {
      this.commandMenu.hidden = true;
      return;
    }
    const commands = await demo.commands(this.pane.chat.kind, this.pane.chatId);
    this.commandMenu.replaceChildren();
    for (const item of commands) {
      const b = document.createElement("button");
      b.type = "button";
      b.append(`/${item.command}`);
      const desc = document.createElement("span");
      desc.className = "desc";
      desc.textContent = item.description;
      b.append(desc);
      b.addEventListener("click", () => {
        this.commandMenu.hidden = true;
        this.sendText(`/${item.command}`).catch(showError);
      });
      this.commandMenu.append(b);
    }
    if (!commands.length) this.commandMenu.append("The bot has set no commands here.");
    this.toggle(this.commandMenu);
  }

  startEditing(message) {
    this.editing = message;
    this.input.value = message.text || "";
    this.input.focus();
    this.pane.showBar(`Editing: ${message.text || ""}`, () => this.stopEditing());
  }

  stopEditing() {
    this.editing = null;
    this.input.value = "";
    this.pane.hideBar();
  }
}
