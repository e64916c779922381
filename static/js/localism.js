// Progressive enhancement only: every page works without this file.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
if (window.GOVUKFrontend) {
  window.GOVUKFrontend.initAll();
}
// Folded away on a phone, where they follow the results; open from tablet width, where they sit beside them.
if (window.matchMedia("(min-width: 40.0625em)").matches) {
  document.querySelectorAll("details[data-localism-open-from-tablet]").forEach(function (details) {
    details.open = true;
  });
}
