// A resource page's summary card: its map and its timeline (drawn from the JSON the page carries).
import { drawMap, drawTimeline } from "./views.js";

function data(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

const countries = data("card-map-data");
if (countries) {
  drawMap(document.getElementById("card-map"), new Map(Object.entries(countries)), { height: 320 });
}
const items = data("card-timeline-data");
if (items) {
  drawTimeline(document.getElementById("card-timeline"), items.filter((i) => i.start), { maxHeight: 360 });
}
