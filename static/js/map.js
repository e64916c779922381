// Maps (templates/components/map.html): progressive enhancement only. The list beside a map says
// everything the map shows; without this file (or Leaflet) the map stays hidden and nothing is lost.
(function () {
  "use strict";
  if (!window.L || !document.querySelectorAll) {
    return;
  }
  var L = window.L;
  var numbers = new Intl.NumberFormat("en-GB");
  // Markers are circles at most 40 pixels across, drawn at least this far apart (in both directions),
  // so that none hides another: each is a whole target (WCAG 2.5.8). Nearer ones become one marker.
  var SPACING = 44;
  // Markers are kept clear of the zoom buttons (top left) and the credit (bottom right).
  var PADDING = { paddingTopLeft: [60, 90], paddingBottomRight: [30, 40] };

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
    var state = { markers: L.layerGroup().addTo(map), opener: null, refocus: false };

    // A marker's popup takes the focus, and gives it back to its marker when it closes.
    map.on("popupopen", function (event) {
      var link = event.popup.getElement().querySelector(".localism-map-popup a");
      if (link) {
        link.focus();
      }
    });
    map.on("popupclose", function () {
      var active = document.activeElement;
      if (!active || active === document.body || active.closest(".leaflet-popup")) {
        // The marker that opened it, or the one drawn in its place when the view was redrawn behind the popup
        // (opening it may pan the map, and a panned view is asked for and drawn again).
        ((state.opener && markerElement(state, state.opener)) || element).focus();
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
      var items = points.map(function (point) {
        return { latitude: point.latitude, longitude: point.longitude, count: 1, entries: [point] };
      });
      map.on("zoomend", function () {
        draw(map, state, items);
      });
      if (points.length === 1) {
        map.setView([points[0].latitude, points[0].longitude], 15);
      } else if (points.length) {
        var corners = points.map(function (point) { return [point.latitude, point.longitude]; });
        map.fitBounds(corners, L.extend({ maxZoom: 15 }, PADDING));
      }
      draw(map, state, items);
      status.textContent = "The map shows " + plural(points.length, "place") + ".";
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
          // A cluster's venues are not known here (entries: none); a point is its own one entry.
          var items = answer.clusters.map(function (cluster) {
            return { latitude: cluster.latitude, longitude: cluster.longitude, count: cluster.count, entries: [] };
          }).concat(answer.points.map(function (point) {
            return { latitude: point.latitude, longitude: point.longitude, count: 1, entries: [point] };
          }));
          draw(map, state, items);
          status.textContent = describe(answer);
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
      map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], PADDING);
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

  function describe(answer) {
    var single = answer.points.length;
    var groups = answer.clusters.length;
    if (!single && !groups) {
      return "Nothing to show in this part of the map.";
    }
    var text = "The map shows " + plural(single, "place") + (groups ? " and " + plural(groups, "group") + " of places" : "");
    if (groups) {
      text += ", " + numbers.format(answer.venues) + " places in all: zoom in on a group to see its places";
    }
    return text + ".";
  }

  function plural(count, word) {
    return numbers.format(count) + " " + word + (count === 1 ? "" : "s");
  }

  // Items nearer each other on screen than SPACING become one marker, at the first one's position.
  function spaced(map, items) {
    var zoom = map.getZoom();
    var groups = [];
    items.forEach(function (item) {
      var pixel = map.project([item.latitude, item.longitude], zoom);
      for (var i = 0; i < groups.length; i++) {
        var group = groups[i];
        if (Math.abs(group.pixel.x - pixel.x) < SPACING && Math.abs(group.pixel.y - pixel.y) < SPACING) {
          group.count += item.count;
          group.entries = group.entries.concat(item.entries);
          return;
        }
      }
      groups.push({ pixel: pixel, latitude: item.latitude, longitude: item.longitude, count: item.count, entries: item.entries.slice() });
    });
    return groups;
  }

  function icon(className, size, shown, label) {
    var html = (shown ? '<span aria-hidden="true">' + shown + "</span>" : "") + '<span class="govuk-visually-hidden"></span>';
    var made = L.divIcon({ className: className, html: html, iconSize: [size, size] });
    made.label = label;
    return made;
  }

  function draw(map, state, items) {
    // A focused marker drawn again in the same place (the same position and label) keeps the focus; one
    // redrawn away leaves it to the map, so that the keyboard is not sent to the page's top.
    var container = map.getContainer();
    var focused = document.activeElement;
    var hadFocus = focused && focused !== container && container.contains(focused) && !focused.closest(".leaflet-popup, .leaflet-control");
    var focusedMarker = hadFocus ? markerOf(state, focused) : null;
    state.markers.clearLayers();
    if (hadFocus) {
      container.focus();
    }
    spaced(map, items).forEach(function (group) {
      var position = [group.latitude, group.longitude];
      var known = group.entries.length === group.count;
      var count = numbers.format(group.count);
      var marker;
      if (known && group.count === 1) {
        var entry = group.entries[0];
        marker = L.marker(position, { keyboard: true, title: entry.name, icon: icon("localism-map-marker", 30, "", entry.name) });
      } else if (known) {
        marker = L.marker(position, { keyboard: true, icon: icon("localism-map-cluster", 40, count, count + " places here") });
      } else {
        marker = L.marker(position, { keyboard: true, icon: icon("localism-map-cluster", 40, count, count + " places here: zoom in") });
      }
      onActivate(marker, function () {
        if (known) {
          openPopup(map, state, marker, position, group.entries);
        } else if (map.getZoom() < map.getMaxZoom()) {
          state.refocus = true;
          map.setView(position, Math.min(map.getZoom() + 2, map.getMaxZoom()));
        } else {
          openPopup(map, state, marker, position, [], count + " places at this spot: the list has each of them.");
        }
      });
      state.markers.addLayer(marker);
    });
    var again = focusedMarker ? markerElement(state, focusedMarker) : null;
    if (again) {
      again.focus();
    }
  }

  // Where a marker stands and what it is called: what finds it again once the view has been redrawn.
  function placeOf(marker) {
    return { latlng: marker.getLatLng(), label: marker.options.icon.label };
  }

  // The place of the marker drawn as that element, if one is.
  function markerOf(state, element) {
    var found = null;
    state.markers.eachLayer(function (marker) {
      if (marker.getElement() === element) {
        found = placeOf(marker);
      }
    });
    return found;
  }

  // The element of the marker drawn now at that place with that label, if there is one.
  function markerElement(state, place) {
    var found = null;
    state.markers.eachLayer(function (marker) {
      if (marker.getLatLng().equals(place.latlng) && marker.options.icon.label === place.label) {
        found = marker.getElement();
      }
    });
    return found;
  }

  // Enter or Space on a marker does what a click does (markers are buttons); the label is its name.
  function onActivate(marker, action) {
    marker.on("click", action);
    marker.on("add", function () {
      var element = marker.getElement();
      element.querySelector(".govuk-visually-hidden").textContent = marker.options.icon.label;
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          action();
        }
      });
    });
  }

  function linkTo(url, text) {
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = url;
    link.textContent = text;
    return link;
  }

  function paragraph(className, child) {
    var element = document.createElement("p");
    element.className = className;
    if (typeof child === "string") {
      element.textContent = child;
    } else {
      element.appendChild(child);
    }
    return element;
  }

  // What is at a marker: each entry's name (a link where it has a page) and venue, or its own links.
  function entryContent(entry) {
    var parts = document.createDocumentFragment();
    if (entry.links) {
      parts.appendChild(paragraph("govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1", entry.name));
      var list = document.createElement("ul");
      list.className = "govuk-list govuk-!-margin-bottom-1";
      entry.links.forEach(function (item) {
        var line = document.createElement("li");
        line.appendChild(linkTo(item.url, item.name));
        list.appendChild(line);
      });
      parts.appendChild(list);
    } else {
      var name = entry.url ? linkTo(entry.url, entry.name) : entry.name;
      parts.appendChild(paragraph("govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1", name));
    }
    if (entry.venue) {
      parts.appendChild(paragraph("govuk-body-s govuk-!-margin-bottom-2", entry.venue));
    }
    return parts;
  }

  // Popups are the map's own (not the marker's), so that a view redrawn behind one keeps it open.
  function openPopup(map, state, marker, position, entries, text) {
    var content = document.createElement("div");
    content.className = "localism-map-popup";
    entries.forEach(function (entry) {
      content.appendChild(entryContent(entry));
    });
    if (text) {
      content.appendChild(paragraph("govuk-body-s govuk-!-margin-bottom-0", text));
    }
    state.opener = placeOf(marker);
    L.popup({ autoPan: true, maxHeight: 240, offset: [0, -12] }).setLatLng(position).setContent(content).openOn(map);
  }
})();
