// The complaints map: Leaflet (served by this site) drawing one dot per complaint of the list
// on the page. The dots are vector circles, so they show even when no map tile can load.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var list = document.getElementById("complaint-list");
  if (!box || !list || typeof L === "undefined") return;
  var colours = { waiting: "#8a4b00", in_progress: "#0b5cad", resolved: "#0d7a4f", closed: "#4a5563" };
  var items = [];
  list.querySelectorAll("[data-lat]").forEach(function (item) {
    var at = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    if (!isNaN(at[0]) && !isNaN(at[1])) items.push({ at: at, item: item });
  });
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
  var points = items.map(function (x) { return x.at; });
  if (points.length === 1) map.setView(points[0], 16);
  else if (points.length) map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
  else {
    var centre = (box.dataset.center || "0,0").split(",").map(parseFloat);
    map.setView(centre, box.dataset.center ? 12 : 2);
  }
  items.forEach(function (x) {
    var item = x.item;
    var marker = L.circleMarker(x.at, {
      radius: 8, weight: 2, color: "#ffffff",
      fillColor: colours[item.dataset.group] || "#0b5cad", fillOpacity: 0.95,
      className: "complaint-marker"
    }).addTo(map);
    var element = marker.getElement();
    if (element) element.setAttribute("data-code", item.dataset.code);
    var link = item.querySelector("a.code");
    if (link) {
      var popup = document.createElement("a");
      popup.href = link.getAttribute("href");
      popup.textContent = item.dataset.code;
      marker.bindPopup(popup);
    }
  });
  box.dataset.markers = String(items.length);
})();
