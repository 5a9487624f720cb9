// The incident map: Natural Earth country outlines (no tile server) and a circle per
// incident, coloured by type, sized by magnitude; a click opens the incident. Every label
// is set as text, never as HTML: place names come from articles.
"use strict";

(function () {
  const container = document.getElementById("map");
  if (!container || typeof L === "undefined" || typeof topojson === "undefined") return;

  const TYPE_COLOURS = {
    ASSAULT: "#c8372d", COERCE: "#e4572e", MOBILIZE: "#f28f3b", THREATEN: "#f2a541",
    PROTEST: "#c9a227", SANCTION: "#8c564b", REJECT: "#9467bd", ACCUSE: "#b07aa1",
    REQUEST: "#7f7f7f", RETREAT: "#17becf", CONCEDE: "#59a14f", AID: "#2ca02c",
    COOPERATE: "#1f77b4", SUPPORT: "#4e79a7", CONSULT: "#76b7b2", AGREE: "#3b8bc2",
  };

  const ANTARCTICA = "010"; // ISO 3166-1 numeric, world-atlas's feature id
  const map = L.map(container, { zoomSnap: 0.5, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.setView([30, 20], 2);

  const fetchJson = (url) =>
    fetch(url).then((response) => (response.ok ? response.json() : Promise.reject(url)));

  fetchJson(container.dataset.outlines)
    .then((world) => {
      const data = JSON.parse(container.dataset.points);
      const countries = topojson.feature(world, world.objects.countries);
      // Antarctica's outline runs to the pole, which Web Mercator draws as stray lines.
      countries.features = countries.features.filter((country) => country.id !== ANTARCTICA);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8a9299", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
      drawIncidents(data.incidents);
    })
    .catch(() => {
      const note = document.createElement("p");
      note.className = "error";
      note.textContent = "The map could not be drawn; the list below has its incidents.";
      container.replaceWith(note);
    });

  function drawIncidents(incidents) {
    const circles = incidents
      .slice()
      .sort((a, b) => b.magnitude - a.magnitude) // small circles on top of large ones
      .map((incident) => {
        const colour = TYPE_COLOURS[incident.event_type] || "#555";
        const circle = L.circleMarker([incident.lat, incident.lon], {
          radius: 4 + 3 * Math.sqrt(incident.magnitude),
          color: "#222",
          weight: 1,
          fillColor: colour,
          fillOpacity: 0.75,
          className: "incident",
        });
        circle.bindTooltip(label(incident));
        circle.on("click", () => window.location.assign(incident.url));
        return circle;
      });
    if (!circles.length) return;
    const group = L.featureGroup(circles).addTo(map);
    // Natural Earth 1:110m outlines are coarse: closer than zoom 6 they no longer match places.
    map.fitBounds(group.getBounds().pad(0.6), { maxZoom: 6 });
    legend([...new Set(incidents.map((incident) => incident.event_type))]);
  }

  function label(incident) {
    const element = document.createElement("span");
    const figures = [];
    if (incident.dead != null) figures.push(`${incident.dead} dead`);
    if (incident.injured != null) figures.push(`${incident.injured} injured`);
    element.textContent = [
      `${incident.id} ${incident.event_type}`,
      incident.place,
      incident.date,
      figures.join(", "),
    ]
      .filter(Boolean)
      .join(" · ");
    return element;
  }

  function legend(types) {
    const list = document.getElementById("map-legend");
    if (!list) return;
    types.sort().forEach((type) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = TYPE_COLOURS[type] || "#555";
      item.append(swatch, document.createTextNode(type));
      list.append(item);
    });
  }
})();
