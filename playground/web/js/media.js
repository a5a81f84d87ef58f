// Photos without a camera: a drawn "street problem" so anyone can file a complaint with
// a picture in one click, plus reading real files picked from disk.

import { blobToBase64 } from "./ui.js";

const SCENES = [
  { sky: "#9cc9ef", label: "pothole", draw: pothole },
  { sky: "#b7d3e8", label: "broken street light", draw: lamp },
  { sky: "#a9d2c4", label: "rubbish pile", draw: rubbish },
];
let counter = 0;

function pothole(ctx, w, h) {
  ctx.fillStyle = "#2b2b2b";
  ctx.beginPath();
  ctx.ellipse(w * 0.5, h * 0.75, w * 0.18, h * 0.07, 0, 0, Math.PI * 2);
  ctx.fill();
}

function lamp(ctx, w, h) {
  ctx.fillStyle = "#555";
  ctx.fillRect(w * 0.7, h * 0.15, 10, h * 0.5);
  ctx.fillRect(w * 0.62, h * 0.15, w * 0.1, 8);
  ctx.fillStyle = "#888";
  ctx.beginPath();
  ctx.arc(w * 0.62, h * 0.2, 14, 0, Math.PI * 2);
  ctx.fill();
}

function rubbish(ctx, w, h) {
  for (let i = 0; i < 14; i += 1) {
    ctx.fillStyle = ["#6b4f2a", "#3d6b35", "#999", "#c44"][i % 4];
    ctx.beginPath();
    ctx.arc(w * (0.35 + (i % 5) * 0.06), h * (0.72 - Math.floor(i / 5) * 0.05), 16, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** A PNG (base64) of a generated street scene. */
export async function samplePhoto() {
  counter += 1;
  const scene = SCENES[(counter - 1) % SCENES.length];
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext("2d");
  const w = canvas.width;
  const h = canvas.height;
  ctx.fillStyle = scene.sky;
  ctx.fillRect(0, 0, w, h * 0.55);
  ctx.fillStyle = "#7a7f85";
  ctx.fillRect(0, h * 0.55, w, h * 0.45);
  ctx.strokeStyle = "#f4f4f4";
  ctx.setLineDash([40, 30]);
  ctx.lineWidth = 6;
  ctx.beginPath();
  ctx.moveTo(0, h * 0.88);
  ctx.lineTo(w, h * 0.88);
  ctx.stroke();
  scene.draw(ctx, w, h);
  ctx.fillStyle = "#000a";
  ctx.fillRect(0, 0, w, 36);
  ctx.fillStyle = "#fff";
  ctx.font = "18px sans-serif";
  ctx.fillText(`sample photo ${counter}: ${scene.label}`, 12, 24);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  return blobToBase64(blob);
}

export async function sampleAlbum(count = 3) {
  const photos = [];
  for (let i = 0; i < count; i += 1) photos.push(await samplePhoto());
  return photos;
}

export async function readFiles(fileList) {
  const files = [...fileList].slice(0, 10);
  return Promise.all(files.map((file) => blobToBase64(file)));
}
