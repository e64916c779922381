"""A plain select in a GOV.UK form field is written out by localism.widgets.FastSelect: the same select as
Django's own template renders (attributes, options, groups, the chosen one), escaped the same way."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template

from localism.models import Place
from localism.widgets import FastSelect

pytestmark = pytest.mark.django_db


class _Select(HTMLParser):
    """The select's attributes, and each option as (group, value, label, chosen)."""

    def __init__(self):
        super().__init__()
        self.attrs, self.options, self._group, self._option = {}, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.attrs = attrs
        elif tag == "optgroup":
            self._group = attrs["label"]
        elif tag == "option":
            self._option = [self._group, attrs["value"], "", "selected" in attrs]

    def handle_endtag(self, tag):
        if tag == "optgroup":
            self._group = None
        elif tag == "option":
            self.options.append(tuple(self._option))
            self._option = None

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data.strip()


def parsed(html: str) -> _Select:
    parser = _Select()
    parser.feed(html)
    return parser


class Filters(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "Any"), ("Outdoors", [("walk", "Walks & <rambles>"), ("swim", "Swimming")]), ("talk", "Talks")],
        required=False,
        help_text="What kind",
    )
    place = forms.ModelChoiceField(queryset=Place.objects.order_by("name"), empty_label="Anywhere")


def test_a_plain_select_in_a_govuk_field_is_the_select_django_renders():
    Place.objects.create(name='Wells "next" the Sea', slug="wells", kind=Place.Kind.TOWN)
    norwich = Place.objects.create(name="Norwich", slug="norwich-test", kind=Place.Kind.TOWN)
    form = Filters({"kind": "swim", "place": str(norwich.pk)})
    template = Template("{% load govuk %}{% govuk_field form.kind %}{% govuk_field form.place %}")
    page = template.render(Context({"form": form}))

    for name in ("kind", "place"):
        bound = form[name]
        django = parsed(bound.as_widget(attrs={"class": "govuk-select"}))
        start = page.index(f'name="{name}"')
        ours = parsed(page[page.rindex("<select", 0, start) : page.index("</select>", start) + len("</select>")])
        assert ours.options == django.options
        assert ours.attrs["id"] == django.attrs["id"] and ours.attrs["name"] == name
    kinds = parsed(page[page.index("<select") : page.index("</select>") + 9]).options
    assert ("Outdoors", "walk", "Walks & <rambles>", False) in kinds
    assert ("Outdoors", "swim", "Swimming", True) in kinds
    assert "Walks &amp; &lt;rambles&gt;" in page
    assert 'Wells "next" the Sea' not in page, "a place's name is escaped in its option"


def test_a_select_with_its_own_rendering_is_left_to_it():
    class Own(forms.Select):
        def render(self, *args, **kwargs):
            return "<select data-own></select>"

    class OwnForm(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=Own)

    page = Template("{% load govuk %}{% govuk_field form.pick %}").render(Context({"form": OwnForm()}))
    assert "data-own" in page
    assert not isinstance(OwnForm().fields["pick"].widget, FastSelect)


class ModelFilters(forms.Form):
    place = forms.ModelChoiceField(queryset=Place.objects.order_by("name"), to_field_name="slug", required=False)
    near = forms.ModelChoiceField(
        queryset=Place.objects.order_by("-name"), to_field_name="slug", empty_label="Anywhere", required=False
    )


def test_a_select_of_model_rows_reads_them_in_one_plain_query_with_the_options_django_renders():
    Place.objects.create(name="Wells", slug="wells", kind=Place.Kind.TOWN)
    Place.objects.create(name="Norwich", slug="norwich-test", kind=Place.Kind.TOWN)
    form = ModelFilters({"place": "wells", "near": "norwich-test"})
    server_side = []

    def watch(execute, sql, params, many, context):
        if getattr(context["cursor"].cursor, "name", None):  # a psycopg named cursor: DECLARE, FETCH, CLOSE
            server_side.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        page = Template("{% load govuk %}{% govuk_field form.place %}{% govuk_field form.near %}").render(
            Context({"form": form})
        )
    assert server_side == []
    for name in ("place", "near"):
        django = parsed(form[name].as_widget(attrs={"class": "govuk-select"}))
        start = page.index(f'name="{name}"')
        ours = parsed(page[page.rindex("<select", 0, start) : page.index("</select>", start) + len("</select>")])
        assert ours.options == django.options
    assert (None, "wells", "Wells", True) in parsed(page[: page.index("</select>") + 9]).options
    near = parsed(page[page.index("</select>") + 9 :]).options
    assert near[0] == (None, "", "Anywhere", False)
    assert (None, "norwich-test", "Norwich", True) in near
