"""Fill in a Django admin form as a browser would: every field's current value, read from the page."""

from html.parser import HTMLParser

from django.urls import reverse


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self._add(name, attributes.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self._add(self._select, attributes.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def admin_form_data(html: str) -> dict:
    """The values a browser would send if the form were submitted unchanged (no files)."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    reader.data.pop("csrfmiddlewaretoken", None)
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}


def add_inline_form(data: dict, prefix: str, fields: dict) -> dict:
    """Add one more form to an inline formset (raising its TOTAL_FORMS) with the given fields."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data = dict(data)
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return data


def inline_forms(prefix: str, rows: list[dict] = ()) -> dict:
    """An inline formset as a new object's admin form sends it: one form a row (none when no rows are given)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


def admin_form_of(client, url: str) -> dict:
    """The form of an admin page, as the browser would send it unchanged (the page must open)."""
    response = client.get(url)
    assert response.status_code == 200
    return admin_form_data(response.content.decode())


def assert_choice_refused(response) -> None:
    """The form came back (not saved) saying that a choice it was sent is not one it offers."""
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def admin_url(model, view: str) -> str:
    """A registered model's admin page: "changelist", "add" (the views that take no row)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
