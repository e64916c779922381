// Accessibility repairs to markup that the Django admin's own scripts build in the browser
// (the server-rendered markup is repaired in templates/admin/). Without JavaScript these widgets
// are plain form controls that need no repair.
"use strict";
{
  const repair = () => {
    // filter_horizontal (SelectFilter2.js): the filter box's label holds only an icon named with
    // aria-label, which a span without a role may not carry; as an image it names the label.
    for (const icon of document.querySelectorAll(".selector .search-label-icon[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
    // autocomplete_fields (Select2): the combobox and its read-only text are named by the field's
    // label, not only by the chosen value (which is empty when nothing is chosen).
    for (const select of document.querySelectorAll("select.admin-autocomplete[id]")) {
      const label = document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
      const rendered = document.getElementById(`select2-${select.id}-container`);
      const combobox = rendered && rendered.closest(".select2-selection");
      if (!label || !combobox || rendered.hasAttribute("aria-labelledby")) {
        continue;
      }
      label.id = label.id || `${select.id}-label`;
      rendered.setAttribute("aria-labelledby", label.id);
      combobox.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
    }
  };
  // The widgets are built when the page has loaded (and again when an inline row is added).
  new MutationObserver(repair).observe(document.documentElement, { childList: true, subtree: true });
}
