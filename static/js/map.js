// Maps (templates/components/map.html): progressive enhancement only. The list beside a map says
// everything the map shows; without this file (or Leaflet) the map stays hidden and nothing is lost.
(function () {
  "use strict";
  if (!window.L || !document.querySelectorAll) {
    return;
  }
  var L = window.L;
  var numbers = new Intl.NumberFormat("en-GB");

  document.querySelectorAll("[data-localism-map]").forEach(start);

  function start(element) {
    var wrapper = element.closest("[data-localism-map-wrapper]");
    var status = wrapper.querySelector("[data-localism-map-status]");
    wrapper.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 19, zoomSnap: 1 });
    L.tileLayer(element.getAttribute("data-tile-url"), {
      attribution: element.getAttribute("data-attribution"),
      maxZoom: 19,
    }).addTo(map);
    var markers = L.layerGroup().addTo(map);
    var state = { opener: null, refocus: false };

    // A marker's popup takes the focus, and gives it back to its marker when it closes.
    map.on("popupopen", function (event) {
      var link = event.popup.getElement().querySelector(".localism-map-popup a");
      if (link) {
        link.focus();
      }
    });
    map.on("popupclose", function () {
      var active = document.activeElement;
      var lost = !active || active === document.body || !!active.closest(".leaflet-popup");
      if (lost) {
        (state.opener && document.contains(state.opener) ? state.opener : element).focus();
      }
    });
    // Leaflet closes a popup on Escape only while the map itself has the focus: here, also from within.
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.target !== element && element.querySelector(".leaflet-popup")) {
        map.closePopup();
      }
    });

    var pointsId = element.getAttribute("data-points");
    if (pointsId) {
      var points = JSON.parse(document.getElementById(pointsId).textContent);
      draw(map, markers, state, { points: points, clusters: [] });
      if (points.length === 1) {
        map.setView([points[0].latitude, points[0].longitude], 15);
      } else if (points.length) {
        map.fitBounds(points.map(function (point) { return [point.latitude, point.longitude]; }), { padding: [30, 30], maxZoom: 15 });
      }
      status.textContent = describe(points.length, 0, 0);
      return;
    }

    var url = element.getAttribute("data-points-url");
    var asked = 0;
    map.on("moveend", function () {
      var request = ++asked;
      fetch(viewUrl(url, map), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (answer) {
          if (request !== asked) {
            return; // a later view has been asked for
          }
          draw(map, markers, state, answer);
          status.textContent = describe(answer.points.length, answer.clusters.length, answer.venues);
          if (state.refocus) {
            state.refocus = false;
            element.focus();
          }
        })
        .catch(function () {
          status.textContent = "The map could not show the places in this view. The list has them all.";
        });
    });
    var bounds = (element.getAttribute("data-bounds") || "").split(",").map(Number);
    if (bounds.length === 4 && bounds.every(isFinite)) {
      map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]);
    } else {
      map.setView([52.63, 1.0], 9);
    }
  }

  function viewUrl(url, map) {
    var view = map.getBounds();
    var bbox = [
      Math.max(-180, view.getWest()),
      Math.max(-90, view.getSouth()),
      Math.min(180, view.getEast()),
      Math.min(90, view.getNorth()),
    ].map(function (value) { return value.toFixed(5); });
    return url + (url.indexOf("?") === -1 ? "?" : "&") + "bbox=" + bbox.join(",") + "&zoom=" + map.getZoom();
  }

  function describe(single, groups, venues) {
    if (!single && !groups) {
      return "Nothing to show in this part of the map.";
    }
    var text = "The map shows " + plural(single, "place") + (groups ? " and " + plural(groups, "group") + " of places" : "");
    if (venues && groups) {
      text += ", " + numbers.format(venues) + " places in all: zoom in on a group to see its places";
    }
    return text + ".";
  }

  function plural(count, word) {
    return numbers.format(count) + " " + word + (count === 1 ? "" : "s");
  }

  // Enter or Space on a marker does what a click does (markers are buttons).
  function onActivate(marker, action) {
    marker.on("click", action);
    marker.on("add", function () {
      marker.getElement().addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          action();
        }
      });
    });
  }

  function draw(map, markers, state, answer) {
    markers.clearLayers();
    answer.clusters.forEach(function (cluster) {
      var label = numbers.format(cluster.count) + " places here: zoom in";
      var marker = L.marker([cluster.latitude, cluster.longitude], {
        keyboard: true,
        icon: L.divIcon({
          className: "localism-map-cluster",
          html: '<span aria-hidden="true">' + numbers.format(cluster.count) + '</span><span class="govuk-visually-hidden">' + label + "</span>",
          iconSize: [40, 40],
        }),
      });
      onActivate(marker, function () {
        if (map.getZoom() < map.getMaxZoom()) {
          state.refocus = true;
          map.setView([cluster.latitude, cluster.longitude], Math.min(map.getZoom() + 2, map.getMaxZoom()));
        } else {
          openPopup(map, state, marker, [cluster.latitude, cluster.longitude], null, numbers.format(cluster.count) + " places at this spot: the list has each of them.");
        }
      });
      markers.addLayer(marker);
    });
    answer.points.forEach(function (point) {
      var marker = L.marker([point.latitude, point.longitude], { keyboard: true, alt: point.name, title: point.name });
      onActivate(marker, function () {
        openPopup(map, state, marker, [point.latitude, point.longitude], point, point.venue);
      });
      markers.addLayer(marker);
    });
  }

  function linkTo(url, text) {
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = url;
    link.textContent = text;
    return link;
  }

  // Popups are the map's own (not the marker's), so that a view redrawn behind one keeps it open.
  function openPopup(map, state, marker, position, point, text) {
    var content = document.createElement("div");
    content.className = "localism-map-popup";
    if (point && point.links) {
      var list = document.createElement("ul");
      list.className = "govuk-list govuk-!-margin-bottom-1";
      point.links.forEach(function (item) {
        var entry = document.createElement("li");
        entry.appendChild(linkTo(item.url, item.name));
        list.appendChild(entry);
      });
      content.appendChild(list);
    } else if (point && point.url) {
      var heading = document.createElement("p");
      heading.className = "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1";
      heading.appendChild(linkTo(point.url, point.name));
      content.appendChild(heading);
    }
    if (text) {
      var detail = document.createElement("p");
      detail.className = "govuk-body-s govuk-!-margin-bottom-0";
      detail.textContent = text;
      content.appendChild(detail);
    }
    state.opener = marker.getElement();
    L.popup({ autoPan: true, offset: point ? [0, -30] : [0, -10] }).setLatLng(position).setContent(content).openOn(map);
  }
})();
