from django.db import migrations

# The guidance pages promised a councillor search that did not exist; where staff have not edited
# these sentences, they now point at the councils a postcode finds.
PROMISES = {
    "how-to-get-involved": (
        "Enter your postcode to find your county councillor and how to contact them.",
        "[Enter your postcode](/councils/who-represents-me/) to find your county, district and town or parish "
        "council, what each is responsible for and how to contact them; each council's website lists its "
        "councillors.",
    ),
    "working-with-councillors": (
        "Enter your postcode on this portal to find your county councillor. Their page shows how to contact them.",
        "[Enter your postcode on this portal](/councils/who-represents-me/) to find your county, district and town "
        "or parish council and how to contact each of them; each council's website lists its councillors for "
        "your area.",
    ),
}


def load(apps, schema_editor):
    from localism.core_content import load_councils
    from localism.markdown import render_markdown

    load_councils(
        apps.get_model("localism", "Council"),
        apps.get_model("localism", "Responsibility"),
        apps.get_model("localism", "Place"),
    )
    InformationPage = apps.get_model("localism", "InformationPage")  # noqa: N806
    for slug, (old, new) in PROMISES.items():
        page = InformationPage.objects.filter(slug=slug).first()
        if page is not None and old in page.body:
            page.body = page.body.replace(old, new)
            page.body_html = render_markdown(page.body)  # historical models have no save() of their own
            page.save(update_fields=["body", "body_html"])


class Migration(migrations.Migration):
    dependencies = [("localism", "0005_councils")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
