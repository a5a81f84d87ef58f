// "Share location" without map tiles: a plain canvas with the city's service area drawn as
// an outline on a lon/lat grid. Clicking picks a point; points outside the outline are
// allowed on purpose, so the bot's "this looks outside the city" answer can be tried too.

let area = { bbox: [110.76, -7.6, 110.88, -7.52], polygons: [] };

export function setServiceArea(serviceArea) {
  if (serviceArea && serviceArea.bbox) area = serviceArea;
}

function view(canvas) {
  const [minLon, minLat, maxLon, maxLat] = area.bbox;
  const padLon = (maxLon - minLon) * 0.25;
  const padLat = (maxLat - minLat) * 0.25;
  const box = { w: minLon - padLon, e: maxLon + padLon, s: minLat - padLat, n: maxLat + padLat };
  // Same scale on both axes (near the equator a degree is about as long either way).
  const scale = Math.min(canvas.width / (box.e - box.w), canvas.height / (box.n - box.s));
  const offX = (canvas.width - (box.e - box.w) * scale) / 2;
  const offY = (canvas.height - (box.n - box.s) * scale) / 2;
  return {
    toXY: (lon, lat) => [offX + (lon - box.w) * scale, offY + (box.n - lat) * scale],
    toLonLat: (x, y) => [box.w + (x - offX) / scale, box.n - (y - offY) / scale],
    box,
  };
}

function inside(lon, lat) {
  const [minLon, minLat, maxLon, maxLat] = area.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  if (!area.polygons || !area.polygons.length) return true;
  let hit = false;
  for (const ring of area.polygons) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[j];
      if ((y1 > lat) !== (y2 > lat) && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) hit = !hit;
    }
  }
  return hit;
}

function draw(canvas, picked) {
  const ctx = canvas.getContext("2d");
  const v = view(canvas);
  ctx.fillStyle = "#eef3e8";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = "#d5dccd";
  ctx.lineWidth = 1;
  ctx.fillStyle = "#8a9384";
  ctx.font = "10px sans-serif";
  const step = 0.02;
  for (let lon = Math.ceil(v.box.w / step) * step; lon < v.box.e; lon += step) {
    const [x] = v.toXY(lon, 0);
    ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, canvas.height); ctx.stroke();
    ctx.fillText(lon.toFixed(2), x + 2, canvas.height - 4);
  }
  for (let lat = Math.ceil(v.box.s / step) * step; lat < v.box.n; lat += step) {
    const [, y] = v.toXY(0, lat);
    ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(canvas.width, y); ctx.stroke();
    ctx.fillText(lat.toFixed(2), 2, y - 2);
  }
  const rings = area.polygons && area.polygons.length ? area.polygons : [bboxRing()];
  ctx.strokeStyle = "#2a7bd0";
  ctx.fillStyle = "#3390ec1c";
  ctx.lineWidth = 2;
  for (const ring of rings) {
    ctx.beginPath();
    ring.forEach(([lon, lat], i) => (i ? ctx.lineTo(...v.toXY(lon, lat)) : ctx.moveTo(...v.toXY(lon, lat))));
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  if (picked) {
    const [x, y] = v.toXY(picked[0], picked[1]);
    ctx.fillStyle = "#e53935";
    ctx.beginPath();
    ctx.arc(x, y - 10, 8, Math.PI, 0);
    ctx.lineTo(x, y);
    ctx.closePath();
    ctx.fill();
  }
}

function bboxRing() {
  const [w, s, e, n] = area.bbox;
  return [[w, s], [e, s], [e, n], [w, n]];
}

/** Ask for a point; resolves to {latitude, longitude} or null when cancelled. */
export function pickLocation() {
  const dialog = document.getElementById("map-dialog");
  const canvas = document.getElementById("map-canvas");
  const label = document.getElementById("map-picked");
  const send = document.getElementById("map-send");
  let picked = null;
  label.textContent = "No point picked yet.";
  label.classList.remove("outside");
  send.disabled = true;
  draw(canvas, null);
  canvas.onclick = (event) => {
    const rect = canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * canvas.width) / rect.width;
    const y = ((event.clientY - rect.top) * canvas.height) / rect.height;
    picked = view(canvas).toLonLat(x, y);
    const ok = inside(picked[0], picked[1]);
    label.textContent = `${picked[1].toFixed(5)}, ${picked[0].toFixed(5)}${ok ? "" : " (outside the service area)"}`;
    label.classList.toggle("outside", !ok);
    send.disabled = false;
    draw(canvas, picked);
  };
  return new Promise((resolve) => {
    dialog.onclose = () => {
      const chosen = dialog.returnValue === "send" && picked;
      resolve(chosen ? { latitude: picked[1], longitude: picked[0] } : null);
    };
    dialog.returnValue = "";
    dialog.showModal();
  });
}
