// The playground page: three chat panes over one live store, the bot's clock, and the
// "time travel" and "reset" buttons. The default panes tell the story left to right: the
// citizen's private chat, the complaint unit's admin group, an agency's group.

import { demo } from "./api.js";
import { setServiceArea } from "./mapdialog.js";
import { setTimeZone } from "./message.js";
import { Pane } from "./pane.js";
import { Store } from "./store.js";
import { busy, showError, toast } from "./ui.js";

const DEFAULT_PANES = ["private_citizen", "admin_group", "agency_a"];
const store = new Store();
let panes = [];
let world = null;
let clock = { offsetMs: 0, timezone: "Asia/Jakarta" };

function drawClock() {
  const now = new Date(Date.now() + clock.offsetMs);
  const text = now.toLocaleString("en-GB", {
    timeZone: clock.timezone, weekday: "short", day: "numeric", month: "short",
    hour: "2-digit", minute: "2-digit",
  });
  const days = Math.round(clock.offsetMs / 86400000);
  const node = document.getElementById("clock");
  node.textContent = `Bot time: ${text}`;
  if (days) {
    const badge = document.createElement("span");
    badge.className = "offset";
    badge.textContent = `+${days} day${days === 1 ? "" : "s"}`;
    node.append(badge);
  }
}

function learnClock(info) {
  clock.offsetMs = (info.offset_days || 0) * 86400000;
  drawClock();
}

async function loadWorld() {
  const chosen = panes.map((pane) => pane.chat.key);
  world = await demo.world();
  const site = document.getElementById("public-site");
  if (world.public_site) {
    site.href = world.public_site;
    site.hidden = false;
  }
  setServiceArea(world.service_area);
  clock.timezone = world.timezone || clock.timezone;
  setTimeZone(clock.timezone);
  learnClock(world.clock);
  for (const pane of panes) pane.unsubscribe();
  const box = document.getElementById("panes");
  box.replaceChildren();
  panes = DEFAULT_PANES.map((key, i) => new Pane(i, world, store, chosen[i] || key));
  for (const pane of panes) box.append(pane.root);
  document.body.dataset.ready = "true";
}

async function reset() {
  document.body.dataset.ready = "false";
  await busy(() => demo.reset());
}

async function travel() {
  const button = document.getElementById("travel");
  button.disabled = true;
  try {
    const outcome = await demo.travel(1);
    learnClock(outcome);
    toast(
      outcome.scheduler
        ? "The bot's clock moved one day ahead; the scheduler ran its due jobs."
        : "The bot's clock moved one day ahead (no scheduler in this build).",
    );
  } finally {
    button.disabled = false;
  }
}

document.getElementById("reset").addEventListener("click", () => reset().catch(showError));
document.getElementById("travel").addEventListener("click", () => travel().catch(showError));
setInterval(drawClock, 30000);

store.connect(() => loadWorld().catch(showError));
loadWorld().catch(showError);
